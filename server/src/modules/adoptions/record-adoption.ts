import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { conflict, invalid } from '../../platform/problem';
import { resourceNeeds } from '../inventory/schema';
import { loadVisiblePractice } from '../practices/access';
import { practiceOrganizations } from '../practices/schema';
import { recountAdoptions } from './adoption-count';
import type { AdoptionInput } from './adoption-fields';
import { notifyPracticeOwners } from './notify-adoption';
import { adoptionPolicy } from './policy';
import { practiceAdoptionNeeds, practiceAdoptions } from './schema';

/**
 * Someone who works in a school records that the school adopts a published practice of another organisation: when it
 * started, what it changes and which of the school's own needs it answers. The practice's row is locked for the
 * transaction, so the one-per-school rule and the practice's adoption count hold when schools adopt at once; its
 * authors and the heads of its organisations are told.
 */
export async function recordAdoption(context: CommandContext, practiceId: string, input: AdoptionInput) {
  authorize(context.actor, (actor) => adoptionPolicy.record(actor, input.organizationId));
  const actor = context.actor;
  return context.db.transaction(async (tx) => {
    const practice = await loadVisiblePractice(tx, actor, practiceId, true);
    if (practice.state !== 'published') throw invalid('Внедрять можно только опубликованную практику.');
    const [own] = await tx
      .select({ id: practiceOrganizations.organizationId })
      .from(practiceOrganizations)
      .where(and(eq(practiceOrganizations.practiceId, practiceId), eq(practiceOrganizations.organizationId, input.organizationId)));
    if (own) throw invalid('Это практика вашей организации: внедрение записывают другие школы.', [{ field: 'organizationId', message: 'Организация — автор практики' }]);
    const [already] = await tx
      .select({ id: practiceAdoptions.id })
      .from(practiceAdoptions)
      .where(and(eq(practiceAdoptions.practiceId, practiceId), eq(practiceAdoptions.organizationId, input.organizationId)));
    if (already) throw conflict('Эта организация уже записала внедрение практики: добавьте к записи результаты.');
    if (input.needIds.length) {
      const needs = await tx
        .select({ id: resourceNeeds.id })
        .from(resourceNeeds)
        .where(and(inArray(resourceNeeds.id, input.needIds), eq(resourceNeeds.organizationId, input.organizationId), eq(resourceNeeds.state, 'active')));
      if (needs.length !== input.needIds.length) {
        throw invalid('Внедрение не записано: можно выбрать только действующие потребности своей организации.', [{ field: 'needIds', message: 'Потребность другой организации или в архиве' }]);
      }
    }
    const now = context.now ?? new Date();
    const { needIds, ...fields } = input;
    const [adoption] = await tx.insert(practiceAdoptions).values({ practiceId, ...fields, createdBy: actor.userId, createdAt: now, updatedAt: now }).returning();
    if (needIds.length) await tx.insert(practiceAdoptionNeeds).values(needIds.map((needId) => ({ adoptionId: adoption.id, needId })));
    await recountAdoptions(tx, practiceId);
    await recordAudit(tx, context, { action: 'practice_adoption.recorded', entityType: 'practice_adoption', entityId: adoption.id, after: { ...adoption, needIds } });
    await notifyPracticeOwners(tx, { kind: 'practice_adopted', practiceId, organizationId: input.organizationId, actorUserId: actor.userId });
    return adoption;
  });
}
