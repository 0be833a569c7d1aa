import { and, eq, inArray, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { conflict, notSignedIn } from '../../platform/problem';
import { campaignChoices, campaigns } from '../campaigns/schema';
import { endEnrolmentsOfChild } from '../enrolments/seats';
import { loadVisibleChild, lockChild } from './access';
import { presentConsent } from './give-consent';
import { familyPolicy } from './policy';
import { childConsents } from './schema';

/**
 * The guardian withdraws consent. Without it the child's data may no longer be processed for
 * enrolment, so in the same transaction every live place ends (freed seats go to the next in line)
 * and the child's choices in open campaigns are deleted. The child's record stays until deleted.
 */
export async function withdrawConsent(context: CommandContext, childId: string) {
  if (!context.actor) throw notSignedIn();
  const { child } = await loadVisibleChild(context.db, context.actor, childId);
  authorize(context.actor, (actor) => familyPolicy.manage(actor, child));
  return context.db.transaction(async (tx) => {
    // Enrolments and choices share this lock: one committed before waits no more and is ended below; one
    // that started after waits, then finds no consent and stops.
    await lockChild(tx, childId, 'update');
    const [act] = await tx
      .update(childConsents)
      .set({ withdrawnAt: new Date() })
      .where(and(eq(childConsents.childId, childId), isNull(childConsents.withdrawnAt)))
      .returning();
    if (!act) throw conflict('Согласие уже отозвано или ещё не давалось.');
    const endedEnrolments = await endEnrolmentsOfChild(tx, context, childId);
    const openCampaigns = tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.state, 'open'));
    const removedChoices = await tx
      .delete(campaignChoices)
      .where(and(eq(campaignChoices.childId, childId), inArray(campaignChoices.campaignId, openCampaigns)))
      .returning({ campaignId: campaignChoices.campaignId });
    await recordAudit(tx, context, {
      action: 'child.consent_withdrawn',
      entityType: 'child',
      entityId: childId,
      after: { consentId: act.id, endedEnrolments, campaignsLeft: [...new Set(removedChoices.map((c) => c.campaignId))] },
    });
    return { consent: presentConsent(act), endedEnrolments, campaignsLeft: new Set(removedChoices.map((c) => c.campaignId)).size };
  });
}
