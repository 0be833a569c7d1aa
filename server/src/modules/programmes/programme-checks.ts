import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { type FieldError, Problem } from '../../platform/problem';
import { throwIfErrors } from '../plans/plan-fields';
import { type ProgrammeShape, type SlotInput, programmeErrors } from './programme-fields';
import { foreignNetworkIds, venueIsActive } from './programme-access';
import { programmeSlots } from './schema';

/**
 * Judges a programme as it will be stored: the rules across fields (400), then the places it refers to
 * — an active venue, and only networks its provider is an active member of (422, a programme is offered
 * in its provider's own networks).
 */
export async function checkProgramme(
  db: Database,
  record: ProgrammeShape & { organizationId: string; venueOrganizationId: string | null; networkIds: string[] },
  slots: SlotInput[] | undefined,
  detail: string,
) {
  throwIfErrors(programmeErrors(record, slots), detail);
  const errors: FieldError[] = [];
  if (record.venueOrganizationId && !(await venueIsActive(db, record.venueOrganizationId))) {
    errors.push({ field: 'venueOrganizationId', message: 'Место проведения — действующая организация реестра (не в архиве)' });
  }
  if ((await foreignNetworkIds(db, record.organizationId, record.networkIds)).length) {
    errors.push({ field: 'networkIds', message: 'Программу можно предложить только в сетях, где организация — действующий участник' });
  }
  if (errors.length) throw new Problem(422, 'Ошибка в данных', `${detail} ${errors.map((e) => e.message).join('; ')}.`, { errors });
}

/** The weekly classes replace the stored ones as a whole, inside the caller's transaction. */
export async function replaceSlots(tx: Database, programmeId: string, slots: SlotInput[]) {
  await tx.delete(programmeSlots).where(eq(programmeSlots.programmeId, programmeId));
  if (slots.length) await tx.insert(programmeSlots).values(slots.map((slot) => ({ programmeId, ...slot })));
}
