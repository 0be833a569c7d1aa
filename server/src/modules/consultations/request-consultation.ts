import { inArray } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { type FieldError, notFound } from '../../platform/problem';
import { organizations } from '../organizations/schema';
import { throwIfErrors } from '../plans/plan-fields';
import { notifySchool } from './consultation-access';
import type { ConsultationRequest } from './consultation-fields';
import { consultantsFor } from './consultants';
import { consultationPolicy } from './policy';
import { presentConsultation } from './present-consultation';
import { consultationRequests } from './schema';

/**
 * A school's head asks its partnership's leader school (or a consultant school) for a consultation on a topic.
 * The consultant's heads are told; they propose times next.
 */
export async function requestConsultation(context: CommandContext, input: ConsultationRequest) {
  authorize(context.actor, (actor) => consultationPolicy.request(actor, input.requesterOrganizationId));
  const db = context.db;
  const parties = await db
    .select({ id: organizations.id, shortName: organizations.shortName, state: organizations.state })
    .from(organizations)
    .where(inArray(organizations.id, [input.requesterOrganizationId, input.consultantOrganizationId]));
  const requester = parties.find((o) => o.id === input.requesterOrganizationId);
  if (!requester) throw notFound('Организация');
  const errors: FieldError[] = [];
  if (requester.state === 'archived') errors.push({ field: 'requesterOrganizationId', message: `Организация «${requester.shortName}» в архиве` });
  const consultant = (await consultantsFor(db, requester.id)).find((c) => c.organizationId === input.consultantOrganizationId);
  if (!consultant) {
    errors.push({
      field: 'consultantOrganizationId',
      message: 'Консультацию можно запросить у школы-лидера вашего партнёрства или у школы со статусом «школа-консультант»',
    });
  }
  throwIfErrors(errors, 'Запрос не отправлен.');

  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(consultationRequests)
      .values({
        requesterOrganizationId: requester.id,
        consultantOrganizationId: consultant!.organizationId,
        networkId: consultant!.networkId,
        topic: input.topic,
        details: input.details ?? '',
        format: input.format ?? 'in_person',
        requestedBy: context.actor!.userId,
      })
      .returning();
    await recordAudit(tx, context, { action: 'consultation.requested', entityType: 'consultation', entityId: created.id, after: created });
    await notifySchool(tx, created, created.consultantOrganizationId, 'Запрос консультации', 'Предложите время консультации или отклоните запрос.');
    return created;
  });
  return presentConsultation(db, context.actor, row);
}
