import { eq, inArray } from 'drizzle-orm';
import { localDate } from '../../platform/dates';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { conflict, notSignedIn } from '../../platform/problem';
import { loadVisibleEvent, managesEvent } from '../events/access';
import { children } from '../families/schema';
import { notify } from '../notifications/notify';
import { organizations } from '../organizations/schema';
import { regionTimezone } from '../territory/region-clock';
import { eventRecipients } from './event-recipients';
import { certificatePolicy } from './policy';
import { certificates } from './schema';
import { newVerificationCode } from './verification-code';

/**
 * Issues the certificates of an event that has begun (or finished) to everyone it is for (`eventRecipients`) who
 * has no live one yet: pressing it again after more people are marked issues theirs only, and two presses at once
 * issue each certificate once (the partial unique index decides, ON CONFLICT DO NOTHING). Each is audited.
 */
export async function issueEventCertificates(context: CommandContext, eventId: string) {
  if (!context.actor) throw notSignedIn();
  const event = await loadVisibleEvent(context.db, context.actor, eventId);
  const manages = await managesEvent(context.db, context.actor, eventId);
  authorize(context.actor, (a) => certificatePolicy.issue(a, manages));
  const now = context.now ?? new Date();
  if (event.state === 'draft' || event.state === 'cancelled') throw conflict('Сертификаты выдаются только по проведённому мероприятию: это мероприятие не опубликовано или отменено.');
  if (event.startsAt > now) throw conflict('Мероприятие ещё не началось: сертификаты выдаются после него.');
  const timezone = await regionTimezone(context.db);
  const [issuer] = await context.db.select({ fullName: organizations.fullName }).from(organizations).where(eq(organizations.id, event.organizationId));
  return context.db.transaction(async (tx) => {
    const recipients = await eventRecipients(tx, event);
    if (recipients.length === 0) return { issued: 0, recipients: 0 };
    const rows = await tx
      .insert(certificates)
      .values(
        recipients.map((r) => ({
          verificationCode: newVerificationCode(),
          sourceKind: 'event' as const,
          sourceId: event.id,
          sourceItemId: r.registrationId,
          userId: r.userId,
          childId: r.childId,
          recipientName: r.name,
          role: r.role,
          title: event.title,
          heldFrom: localDate(event.startsAt, timezone),
          heldTo: localDate(event.endsAt, timezone),
          issuerOrganizationId: event.organizationId,
          issuerName: issuer.fullName,
          issuedBy: context.actor!.userId,
          issuedAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: certificates.id, number: certificates.number, role: certificates.role, userId: certificates.userId, childId: certificates.childId });
    for (const row of rows) {
      await recordAudit(tx, context, { action: 'certificate.issued', entityType: 'certificate', entityId: row.id, after: { number: row.number, role: row.role, sourceKind: 'event', sourceId: event.id } });
    }
    // The person named is told, or a child's guardian.
    const childIds = rows.flatMap((r) => (r.childId ? [r.childId] : []));
    const guardians = new Map(
      childIds.length ? (await tx.select({ id: children.id, guardian: children.guardianUserId }).from(children).where(inArray(children.id, childIds))).map((c) => [c.id, c.guardian]) : [],
    );
    await notify(
      tx,
      rows.flatMap((r) => {
        const userId = r.userId ?? (r.childId ? guardians.get(r.childId) : undefined);
        if (!userId) return [];
        return [{ userId, kind: 'certificate_issued' as const, title: `Сертификат ${r.role === 'speaker' ? 'спикера' : 'участника'} № ${r.number}: ${event.title}`, body: 'PDF и код проверки — в разделе «Мои сертификаты».', link: '/certificates', data: { certificateId: r.id } }];
      }),
    );
    return { issued: rows.length, recipients: recipients.length };
  });
}
