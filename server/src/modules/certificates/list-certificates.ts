import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { notSignedIn } from '../../platform/problem';
import { loadVisibleEvent, managesEvent } from '../events/access';
import { children } from '../families/schema';
import { presentCertificate } from './certificate-access';
import { eventRecipients } from './event-recipients';
import { certificatePolicy } from './policy';
import { certificates } from './schema';

/** An event's certificates for its organisers, newest first, and how many people it is for have none yet. */
export async function listEventCertificates(context: CommandContext, eventId: string) {
  if (!context.actor) throw notSignedIn();
  const event = await loadVisibleEvent(context.db, context.actor, eventId);
  const manages = await managesEvent(context.db, context.actor, eventId);
  authorize(context.actor, (a) => certificatePolicy.list(a, manages));
  const rows = await context.db
    .select()
    .from(certificates)
    .where(and(eq(certificates.sourceKind, 'event'), eq(certificates.sourceId, event.id)))
    .orderBy(desc(certificates.serialNo));
  const live = new Set(rows.filter((r) => !r.revokedAt).map((r) => `${r.userId ?? r.childId ?? r.sourceItemId}:${r.role}`));
  const waiting = (await eventRecipients(context.db, event)).filter((r) => !live.has(`${r.userId ?? r.childId}:${r.role}`)).length;
  return { items: rows.map(presentCertificate), waiting };
}

/** The signed-in person's certificates and their children's, newest first. */
export async function listMyCertificates(context: CommandContext) {
  if (!context.actor) throw notSignedIn();
  const mine = context.db.select({ id: children.id }).from(children).where(eq(children.guardianUserId, context.actor.userId));
  const rows = await context.db
    .select()
    .from(certificates)
    .where(or(eq(certificates.userId, context.actor.userId), inArray(certificates.childId, mine)))
    .orderBy(desc(certificates.issuedAt), desc(certificates.serialNo))
    .limit(500);
  return { items: rows.map(presentCertificate) };
}
