import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem, notSignedIn } from '../../platform/problem';
import { loadVisibleChild, lockChild } from './access';
import { CONSENT_TEXT_HASH, CONSENT_TEXT_VERSION } from './consent-text';
import { familyPolicy } from './policy';
import { childConsents } from './schema';

/**
 * The guardian gives consent to processing the child's data: a dated act naming the version of the
 * text they read, its hash, and the address it came from. They must have read the current text (409
 * otherwise). One act is in force at a time: giving it again (a double click) answers with that act.
 */
export async function giveConsent(context: CommandContext, childId: string, input: { textVersion: string }) {
  if (!context.actor) throw notSignedIn();
  const { child } = await loadVisibleChild(context.db, context.actor, childId);
  authorize(context.actor, (actor) => familyPolicy.manage(actor, child));
  if (input.textVersion !== CONSENT_TEXT_VERSION) {
    throw new Problem(409, 'Текст согласия изменился', 'С тех пор как вы открыли страницу, текст согласия обновили. Прочитайте новый текст и подтвердите согласие ещё раз.', {
      code: 'consent_text_outdated',
      currentVersion: CONSENT_TEXT_VERSION,
    });
  }
  return context.db.transaction(async (tx) => {
    // The child's row lock serialises two presses at once, so the second finds the first act; a child
    // deleted meanwhile is a 404.
    await lockChild(tx, childId, 'update');
    const [inForce] = await tx
      .select()
      .from(childConsents)
      .where(and(eq(childConsents.childId, childId), isNull(childConsents.withdrawnAt)))
      .limit(1);
    if (inForce) return { created: false, consent: presentConsent(inForce) };
    const [act] = await tx
      .insert(childConsents)
      .values({ childId, guardianUserId: context.actor!.userId, textVersion: CONSENT_TEXT_VERSION, textHash: CONSENT_TEXT_HASH, givenFromIp: context.ip })
      .returning();
    await recordAudit(tx, context, { action: 'child.consent_given', entityType: 'child', entityId: childId, after: { consentId: act.id, textVersion: act.textVersion, textHash: act.textHash } });
    return { created: true, consent: presentConsent(act) };
  });
}

export const presentConsent = (act: typeof childConsents.$inferSelect) => ({
  id: act.id,
  childId: act.childId,
  textVersion: act.textVersion,
  textHash: act.textHash,
  givenAt: act.givenAt,
  withdrawnAt: act.withdrawnAt,
});
