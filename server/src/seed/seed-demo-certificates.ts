import { asc, eq } from 'drizzle-orm';
import type { CommandContext } from '../platform/context';
import { issueEventCertificates } from '../modules/certificates/issue-event-certificates';
import { checkIn } from '../modules/events/check-in';
import { markAttendance } from '../modules/events/check-in-attendance';
import { eventRegistrations, events } from '../modules/events/schema';
import type { DemoHeads } from './demo-heads';

/**
 * The Altai heads' seminar after the door (seed 001): the base school's director checked the district's heads in by
 * their codes as they came (one phone, the scans sent in one batch when the village school's network came back), one
 * head who came without the code was ticked on the list, one did not come; the next day the certificates of
 * participation were issued — through the same commands the organiser's phone and page use.
 */
export async function seedDemoCertificates(db: CommandContext['db'], heads: DemoHeads, eventIds: Record<string, string>): Promise<{ certificates: number }> {
  const seminarId = eventIds['pvl-heads-seminar'];
  if (!seminarId) return { certificates: 0 };
  const [seminar] = await db.select().from(events).where(eq(events.id, seminarId));
  const registered = await db
    .select()
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, seminarId))
    .orderBy(asc(eventRegistrations.queueNo));
  const present = registered.filter((r) => r.state === 'registered');
  if (present.length === 0) return { certificates: 0 };
  const organiser = await heads.headOf('pvl-school-1');
  const atTheDoor = (minutes: number) => new Date(seminar.startsAt.getTime() + minutes * 60_000);
  const context = (now: Date): CommandContext => ({ db, actor: organiser, ip: 'seed', now });
  // All but the last two came with their codes, a few minutes apart before the start.
  const scanned = present.slice(0, Math.max(0, present.length - 2));
  await checkIn(
    context(atTheDoor(40)),
    seminarId,
    scanned.map((r, i) => ({ code: r.checkInCode, scannedAt: atTheDoor(-20 + 3 * i).toISOString() })),
  );
  // One came without the code on her phone and was ticked on the list; the last did not come.
  const ticked = present[present.length - 2];
  if (ticked) await markAttendance(context(atTheDoor(15)), seminarId, { registrationId: ticked.id, present: true });
  const issued = await issueEventCertificates(context(new Date(seminar.endsAt.getTime() + 20 * 3_600_000)), seminarId);
  return { certificates: issued.issued };
}
