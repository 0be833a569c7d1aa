import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem } from '../../platform/problem';
import { promoteFromWaitlist } from '../enrolments/seats';
import { lockManagedProgramme } from './programme-access';
import { auditedProgramme, presentProgramme } from './present-programme';
import { type ProgrammeState, programmeSlots, programmes } from './schema';

/** Moves a programme to `state` if it is still at `version`; the caller has checked that the move is allowed. */
export async function changeProgrammeState(
  context: CommandContext,
  id: string,
  version: number,
  state: ProgrammeState,
  check: (current: typeof programmes.$inferSelect, slotCount: number) => void,
) {
  const row = await context.db.transaction(async (tx) => {
    const current = await lockManagedProgramme(tx, context, id, version);
    const slots = await tx.select({ id: programmeSlots.id }).from(programmeSlots).where(eq(programmeSlots.programmeId, id));
    check(current, slots.length);
    const [updated] = await tx
      .update(programmes)
      .set({ state, version: sql`${programmes.version} + 1`, updatedAt: new Date() })
      .where(eq(programmes.id, id))
      .returning();
    await recordAudit(tx, context, { action: `programme.${state}`, entityType: 'programme', entityId: id, before: { state: current.state }, after: { state } });
    // Published again after the archive: seats freed meanwhile go to those waiting.
    if (state === 'published') await promoteFromWaitlist(tx, context, id);
    const [latest] = await tx.select().from(programmes).where(eq(programmes.id, updated.id));
    return latest;
  });
  return presentProgramme(context.db, context.actor, row);
}

export const unavailable = (title: string, detail: string) => new Problem(409, title, detail);
