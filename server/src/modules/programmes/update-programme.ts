import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem } from '../../platform/problem';
import { seatsPromisedToCampaigns } from '../campaigns/promised-seats';
import { promoteFromWaitlist } from '../enrolments/seats';
import { lockManagedProgramme } from './programme-access';
import { checkProgramme, replaceSlots } from './programme-checks';
import type { ProgrammeChanges } from './programme-fields';
import { auditedProgramme, presentProgramme } from './present-programme';
import { programmeSlots, programmes } from './schema';

/**
 * Changes the named fields of a programme if it is still at `version` (409 otherwise). Capacity never
 * goes below the seats already taken; raised capacity of a published programme goes at once to the
 * first in its waitlist, in the same transaction, so no seat stays empty while someone waits.
 */
export async function updateProgramme(context: CommandContext, id: string, version: number, changes: ProgrammeChanges) {
  const { slots, ...fields } = changes;
  const row = await context.db.transaction(async (tx) => {
    const current = await lockManagedProgramme(tx, context, id, version);
    if (current.state === 'archived') throw new Problem(409, 'Программа в архиве', 'Программа в архиве не меняется. Опубликуйте её снова, если она продолжается.');
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<typeof current>;
    if (defined.venueOrganizationId === current.organizationId) defined.venueOrganizationId = null;
    const record = { ...current, ...defined };
    await checkProgramme(tx, record, slots, 'Изменения не сохранены.');
    if (record.capacity < current.seatsTaken) {
      throw new Problem(
        409,
        'Мест меньше, чем записано',
        `В программу уже записано ${current.seatsTaken}, поэтому мест не может быть меньше ${current.seatsTaken}. Чтобы сократить группу, сначала отчислите учеников в списке программы.`,
        { seatsTaken: current.seatsTaken },
      );
    }
    const promised = await seatsPromisedToCampaigns(tx, id);
    if (promised > 0 && record.enrolmentMode !== 'campaign') {
      throw new Problem(409, 'Программа в кампании', `${promised} мест этой программы распределяются в кампании выбора, поэтому запись в порядке очереди включить нельзя, пока кампания не распределит места или её не отменят.`, { promised });
    }
    if (record.capacity < current.seatsTaken + promised) {
      throw new Problem(
        409,
        'Мест меньше, чем обещано кампании',
        `Записано ${current.seatsTaken}, и ещё ${promised} мест обещаны кампании выбора, поэтому мест не может быть меньше ${current.seatsTaken + promised}.`,
        { seatsTaken: current.seatsTaken, promised },
      );
    }
    const beforeSlots = slots ? await tx.select().from(programmeSlots).where(eq(programmeSlots.programmeId, id)) : undefined;
    const [updated] = await tx
      .update(programmes)
      .set({ ...defined, version: sql`${programmes.version} + 1`, updatedAt: new Date() })
      .where(eq(programmes.id, id))
      .returning();
    if (slots) await replaceSlots(tx, id, slots);
    await recordAudit(tx, context, {
      action: 'programme.updated',
      entityType: 'programme',
      entityId: id,
      before: auditedProgramme(current, beforeSlots?.map(({ weekday, startMinute, endMinute }) => ({ weekday, startMinute, endMinute }))),
      after: auditedProgramme(updated, slots),
    });
    if (updated.state === 'published' && updated.capacity > current.capacity) await promoteFromWaitlist(tx, context, id);
    // Promotion took seats: answer with the row as it now stands.
    const [latest] = await tx.select().from(programmes).where(eq(programmes.id, id));
    return latest;
  });
  return presentProgramme(context.db, context.actor, row);
}
