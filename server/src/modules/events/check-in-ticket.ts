import { eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { absoluteUrl } from '../../platform/mail/links';
import { notFound, notSignedIn } from '../../platform/problem';
import { children } from '../families/schema';
import { loadVisibleEvent, managesEvent } from './access';
import { checkInPath } from './check-in-code';
import { checkInPolicy } from './check-in-policy';
import { eventRegistrations } from './schema';

/**
 * What a registration's QR code says: the address of the event's check-in page with the code in its fragment (never
 * sent to a server, so never in a log). The organiser's check-in page reads it; a phone's own camera app opens the
 * same page, already filled in, for an organiser who scans without opening Orbita first.
 */
export const ticketPayload = (eventId: string, code: string) => absoluteUrl(`${checkInPath(eventId)}#code=${code}`);

/** The QR code as SVG (medium error correction: survives a scratched screen), loaded with the first ticket shown. */
export async function ticketSvg(payload: string): Promise<string> {
  const qrcode = await import('qrcode');
  return qrcode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
}

/** The QR code's modules (true = dark), for a letter that draws it as a table: mail clients block images. */
export async function ticketModules(payload: string): Promise<boolean[][]> {
  const qrcode = await import('qrcode');
  const { modules } = qrcode.create(payload, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, y) => Array.from({ length: modules.size }, (_, x) => !!modules.get(x, y)));
}

/**
 * A registration's ticket — its code and the QR — for the person, the guardian of a registered child, the heads of
 * the school that registered its student, and those who manage the event. To anyone else it does not exist (404).
 */
export async function getCheckInTicket(context: CommandContext, registrationId: string) {
  if (!context.actor) throw notSignedIn();
  const registration = await loadTicketHolder(context.db, registrationId);
  const event = await loadVisibleEvent(context.db, context.actor, registration.eventId).catch(() => null);
  const manages = event ? await managesEvent(context.db, context.actor, event.id) : false;
  if (!event || !checkInPolicy.viewTicket(context.actor, registration, manages)) throw notFound('Регистрация');
  const payload = ticketPayload(event.id, registration.checkInCode);
  return { registrationId: registration.id, eventId: event.id, code: registration.checkInCode, state: registration.state, checkedInAt: registration.checkedInAt, payload, svg: await ticketSvg(payload) };
}

async function loadTicketHolder(db: Database, registrationId: string) {
  const [row] = await db
    .select({
      id: eventRegistrations.id,
      eventId: eventRegistrations.eventId,
      userId: eventRegistrations.userId,
      guardianUserId: children.guardianUserId,
      onBehalfOfOrganizationId: eventRegistrations.onBehalfOfOrganizationId,
      checkInCode: eventRegistrations.checkInCode,
      state: eventRegistrations.state,
      checkedInAt: eventRegistrations.checkedInAt,
    })
    .from(eventRegistrations)
    .leftJoin(children, eq(children.id, eventRegistrations.childId))
    .where(eq(eventRegistrations.id, registrationId))
    .limit(1);
  if (!row) throw notFound('Регистрация');
  return row;
}
