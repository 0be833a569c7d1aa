import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { notSignedIn } from '../../platform/problem';
import type { EventRow } from './access';
import { loadEventAtTheDoor, registrationsWithNames, withCode } from './check-in-access';
import { readCheckInCode } from './check-in-code';
import { eventRegistrations } from './schema';

/** One scan at the door: what the camera read or the organiser typed, and when (a phone offline sends it later). */
export interface Scan {
  code: string;
  scannedAt?: string;
}

interface Person {
  registrationId: string;
  name: string;
  role: 'participant' | 'speaker';
  section: string | null;
}

/**
 * What became of a scan. `checked_in`: this scan let the person in (a replay of the same phone's scan answers the
 * same). `already`: someone was first — when, and whether it was the caller. `not_registered`: the code is of a
 * cancelled, waitlisted, pending or rejected registration. `unknown`: no such code at this event (or a QR of
 * another event).
 */
export type ScanOutcome =
  | ({ code: string; outcome: 'checked_in'; checkedInAt: string } & Person)
  | ({ code: string; outcome: 'already'; checkedInAt: string; byYou: boolean } & Person)
  | ({ code: string; outcome: 'not_registered'; state: string } & Person)
  | { code: string; outcome: 'unknown'; otherEvent?: boolean };

/**
 * When the scan happened, as the server records it: the phone's time, unless it is in the future (a clock ahead)
 * or more than a day before the event started (a clock far behind) — then the time it arrived.
 */
function scanTime(scannedAt: string | undefined, event: EventRow, now: Date): Date {
  const at = scannedAt ? new Date(scannedAt) : null;
  if (!at || Number.isNaN(at.getTime()) || at > now || at.getTime() < event.startsAt.getTime() - 86_400_000) return now;
  return at;
}

/**
 * Checks people in by their codes, online one at a time or a phone's queue in a batch. Each code's row is locked
 * and its `checked_in_at` set only while empty, so of two phones scanning one code — at once, or one of them
 * offline and syncing later — the first to reach the server wins and the other is told when the person came in.
 * A batch takes its rows in code order, so two batches never wait on each other in a circle.
 */
export async function checkIn(context: CommandContext, eventId: string, scans: Scan[]): Promise<ScanOutcome[]> {
  if (!context.actor) throw notSignedIn();
  const actor = context.actor;
  const event = await loadEventAtTheDoor(context.db, actor, eventId, 'checkIn');
  const now = context.now ?? new Date();
  const read = scans.map((scan, index) => ({ index, scan, parsed: readCheckInCode(scan.code, eventId) }));
  const outcomes: ScanOutcome[] = new Array(scans.length);
  await context.db.transaction(async (tx) => {
    const ordered = [...read].sort((a, b) => codeOf(a.parsed).localeCompare(codeOf(b.parsed)) || a.index - b.index);
    for (const { index, scan, parsed } of ordered) {
      if (!parsed || 'otherEvent' in parsed) {
        outcomes[index] = { code: scan.code.slice(0, 64), outcome: 'unknown', ...(parsed ? { otherEvent: true } : {}) };
        continue;
      }
      outcomes[index] = await checkInOne(tx, context, event, parsed.code, scanTime(scan.scannedAt, event, now));
    }
  });
  return outcomes;
}

const codeOf = (parsed: ReturnType<typeof readCheckInCode>) => (parsed && 'code' in parsed ? parsed.code : '');

async function checkInOne(tx: Database, context: CommandContext, event: EventRow, code: string, at: Date): Promise<ScanOutcome> {
  const actor = context.actor!;
  const [row] = await registrationsWithNames(tx).where(withCode(event.id, code)).for('update', { of: eventRegistrations }).limit(1);
  if (!row) return { code, outcome: 'unknown' };
  const person: Person = { registrationId: row.id, name: row.name, role: row.role, section: row.section };
  if (row.state !== 'registered') return { code, outcome: 'not_registered', state: row.state, ...person };
  if (row.checkedInAt) {
    // The same phone sending its queue again (its answer was lost): the same person, the same moment, the same caller.
    const replay = row.checkedInBy === actor.userId && row.checkedInAt.getTime() === at.getTime();
    return replay
      ? { code, outcome: 'checked_in', checkedInAt: row.checkedInAt.toISOString(), ...person }
      : { code, outcome: 'already', checkedInAt: row.checkedInAt.toISOString(), byYou: row.checkedInBy === actor.userId, ...person };
  }
  await tx
    .update(eventRegistrations)
    .set({ checkedInAt: at, checkedInBy: actor.userId, version: sql`${eventRegistrations.version} + 1`, updatedAt: new Date() })
    .where(eq(eventRegistrations.id, row.id));
  await recordAudit(tx, context, { action: 'event.checked_in', entityType: 'event_registration', entityId: row.id, after: { eventId: event.id, checkedInAt: at.toISOString() } });
  return { code, outcome: 'checked_in', checkedInAt: at.toISOString(), ...person };
}
