import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { loadProvider } from './programme-access';
import { checkProgramme, replaceSlots } from './programme-checks';
import type { ProgrammeCreation } from './programme-fields';
import { auditedProgramme, presentProgramme } from './present-programme';
import { programmes } from './schema';

/**
 * A head of an organisation describes a programme it offers; it starts as a draft, seen only by the
 * organisation's staff until published.
 */
export async function createProgramme(context: CommandContext, input: ProgrammeCreation) {
  const { slots = [], organizationId, ...fields } = input;
  await loadProvider(context.db, context, organizationId);
  const record = {
    ...fields,
    organizationId,
    gradeFrom: fields.gradeFrom ?? null,
    gradeTo: fields.gradeTo ?? null,
    ageFrom: fields.ageFrom ?? null,
    ageTo: fields.ageTo ?? null,
    venueOrganizationId: fields.venueOrganizationId === organizationId ? null : (fields.venueOrganizationId ?? null),
    networkIds: fields.networkIds ?? [],
  };
  await checkProgramme(context.db, record, slots, 'Программа не создана.');
  const row = await context.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(programmes)
      .values({ ...record, state: 'draft', createdBy: context.actor!.userId })
      .returning();
    await replaceSlots(tx, created.id, slots);
    await recordAudit(tx, context, { action: 'programme.created', entityType: 'programme', entityId: created.id, after: auditedProgramme(created, slots) });
    return created;
  });
  return presentProgramme(context.db, context.actor, row);
}
