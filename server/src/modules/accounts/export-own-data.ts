import { asc, eq, or } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import { auditEntries } from '../../platform/audit/schema';
import type { CommandContext } from '../../platform/context';
import { outboxMessages } from '../../platform/mail/schema';
import { authorize } from '../../platform/policy';
import { children } from '../families/schema';
import { notifications } from '../notifications/schema';
import { organizations } from '../organizations/schema';
import { municipalities } from '../territory/schema';
import { loadAccount, membershipsOf, platformRolesOf } from './get-profile';
import { publicSessionId } from './list-sessions';
import { accountPolicy } from './policy';
import { accountTokens, invitations, sessions, ssoIdentities } from './schema';

/**
 * Everything the platform keeps about the caller (the right of access under 152-ФЗ), read only by their id or
 * address: the account (without the password hash), roles, organisations, sessions, SSO links, links sent to
 * them, invitations to their address, letters, notifications and what they did (the audit entries where they
 * acted — what was done, to which record, from where; not the records' contents, which may be other people's).
 * A guardian's children are listed by id with the address of each child's own export. The export is audited.
 */
export async function exportOwnData(context: CommandContext) {
  const { actor } = context;
  authorize(actor, accountPolicy.manageOwnAccount);
  const db = context.db;
  const userId = actor.userId;
  const account = await loadAccount(db, userId);
  const [roles, places, sessionRows, sso, links, invitationRows, letters, notificationRows, actions, childRows] = await Promise.all([
    platformRolesOf(db, userId),
    membershipsOf(db, userId),
    db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(asc(sessions.createdAt)),
    db.select({ issuer: ssoIdentities.issuer, subject: ssoIdentities.subject, createdAt: ssoIdentities.createdAt }).from(ssoIdentities).where(eq(ssoIdentities.userId, userId)),
    db
      .select({ purpose: accountTokens.purpose, newEmail: accountTokens.newEmail, createdAt: accountTokens.createdAt, expiresAt: accountTokens.expiresAt, usedAt: accountTokens.usedAt })
      .from(accountTokens)
      .where(eq(accountTokens.userId, userId))
      .orderBy(asc(accountTokens.createdAt)),
    db
      .select({
        email: invitations.email,
        fullName: invitations.fullName,
        role: invitations.role,
        organization: { id: organizations.id, shortName: organizations.shortName },
        municipality: { id: municipalities.id, name: municipalities.name },
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
        lastSentAt: invitations.lastSentAt,
        sendCount: invitations.sendCount,
        acceptedAt: invitations.acceptedAt,
        revokedAt: invitations.revokedAt,
      })
      .from(invitations)
      .leftJoin(organizations, eq(organizations.id, invitations.organizationId))
      .leftJoin(municipalities, eq(municipalities.id, invitations.municipalityId))
      .where(or(eq(invitations.email, account.email), eq(invitations.acceptedUserId, userId)))
      .orderBy(asc(invitations.createdAt)),
    // Subjects and addresses only: a letter's body may hold a link that still works.
    db
      .select({ kind: outboxMessages.kind, to: outboxMessages.toAddress, subject: outboxMessages.subject, createdAt: outboxMessages.createdAt, sentAt: outboxMessages.sentAt })
      .from(outboxMessages)
      .where(or(eq(outboxMessages.userId, userId), eq(outboxMessages.toAddress, account.email)))
      .orderBy(asc(outboxMessages.createdAt)),
    db
      .select({ kind: notifications.kind, title: notifications.title, body: notifications.body, link: notifications.link, createdAt: notifications.createdAt, readAt: notifications.readAt, mailedAt: notifications.mailedAt })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(asc(notifications.createdAt)),
    db
      .select({ at: auditEntries.at, action: auditEntries.action, entityType: auditEntries.entityType, entityId: auditEntries.entityId, ip: auditEntries.actorIp })
      .from(auditEntries)
      .where(eq(auditEntries.actorId, userId))
      .orderBy(asc(auditEntries.id)),
    db.select({ id: children.id }).from(children).where(eq(children.guardianUserId, userId)).orderBy(asc(children.createdAt)),
  ]);

  await recordAudit(db, context, { action: 'auth.data_exported', entityType: 'user', entityId: userId });
  return {
    exportedAt: new Date().toISOString(),
    account,
    platformRoles: roles,
    memberships: places,
    sessions: sessionRows.map((s) => ({ id: publicSessionId(s.tokenHash), createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt, ip: s.ip, userAgent: s.userAgent, method: s.method })),
    ssoIdentities: sso,
    accountLinks: links,
    invitations: invitationRows,
    letters,
    notifications: notificationRows,
    actions,
    children: childRows.map((c) => ({ id: c.id, export: `/api/children/${c.id}/export` })),
    childrenNote: childRows.length
      ? 'Данные каждого ребёнка (согласия, записи, посещаемость, результаты) выгружаются отдельно: адрес в поле export или кнопка «Выгрузить данные» на странице ребёнка.'
      : undefined,
  };
}
