import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { auditEntries } from '../../platform/audit/schema';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { uniqueViolation } from '../../platform/db/errors';
import { insertMany } from '../../platform/db/insert-many';
import { enqueueMail } from '../../platform/mail/outbox';
import { authorize } from '../../platform/policy';
import { Problem, forbidden, invalid, notSignedIn } from '../../platform/problem';
import { hashToken, randomToken } from '../../platform/secret-tokens';
import { invitations, users } from '../accounts/schema';
import { regionTimezone } from '../territory/region-clock';
import { describeRole, invitationLetter, regionInstantText } from './invitation-letter';
import { grantableBy, peoplePolicy } from './policy';
import { type Invitation, type InvitationRow, presentInvitation } from './present-invitation';
import { holdsRole } from './role-assignments';
import type { RoleTarget } from './roles';
import { type RoleRequest, checkRoleTarget, loadPlaces, resolveRoleTarget } from './role-target';

/** One person to invite to one role. */
export interface InvitationDraft extends RoleRequest {
  email: string;
  fullName: string;
}

export interface InvitationOptions {
  /** The platform's public address (config.publicUrl): the letter's link leads there. */
  publicUrl: string;
  /** How many days the link works (config.invitationTtlDays). */
  ttlDays: number;
  /** A staff import's id: groups the letters for its progress bar and marks the invitations as imported. */
  batchId?: string | null;
}

const DAY_MS = 24 * 3600 * 1000;
const CHUNK = 1000;

/** How an invitation row stores a role's place: an organisation's role names only the organisation, whose municipality may change. */
const storedMunicipalityId = (target: RoleTarget) => (target.organizationId ? null : target.municipalityId);

const storedPlace = (target: RoleTarget) => {
  const municipalityId = storedMunicipalityId(target);
  return and(
    target.organizationId ? eq(invitations.organizationId, target.organizationId) : isNull(invitations.organizationId),
    municipalityId ? eq(invitations.municipalityId, municipalityId) : isNull(invitations.municipalityId),
  );
};

/** When a link sent now stops working. */
export const invitationExpiry = (now: Date, ttlDays: number) => new Date(now.getTime() + ttlDays * DAY_MS);

export const invitationUrl = (publicUrl: string, token: string) => `${publicUrl}/invitation/${token}`;
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Addresses among `emails` that already have an account. */
async function accountEmails(db: Database, emails: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(emails)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db.select({ email: users.email }).from(users).where(inArray(users.email, unique.slice(i, i + CHUNK)));
    for (const row of rows) found.add(row.email);
  }
  return found;
}

/**
 * Inserts invitations and enqueues their letters in the caller's transaction, for one person or a whole
 * staff import: every place and every role is checked against the grant tree first (all or nothing), and
 * rows, audit entries and letters go in batches, so 20,000 drafts cost tens of statements, not thousands.
 * Only each link's hash is stored; the link itself exists only in the letter. A second live invitation for
 * the same address, role and place violates `invitations_pending_unique` (callers turn that into a 409).
 */
export async function issueInvitations(tx: Database, context: CommandContext, drafts: InvitationDraft[], options: InvitationOptions): Promise<InvitationRow[]> {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const places = await loadPlaces(tx, drafts.flatMap((d) => (d.organizationId ? [d.organizationId] : [])));
  const placed = drafts.map((draft) => {
    const checked = checkRoleTarget(draft, places, 'grant');
    if ('errors' in checked) throw invalid(`Приглашение для ${draft.email}: проверьте роль и место работы.`, checked.errors);
    if (!grantableBy(actor, checked.target)) throw forbidden(`Вы не можете пригласить на роль «${describeRole(checked)}».`);
    return checked;
  });
  const emails = drafts.map((d) => normalizeEmail(d.email));
  const withAccounts = await accountEmails(tx, emails);
  const now = new Date();
  const expiresAt = invitationExpiry(now, options.ttlDays);
  const validUntil = regionInstantText(expiresAt, await regionTimezone(tx));
  const tokens = drafts.map(() => randomToken());

  // Whole rows made here (ids included) and sent as JSON: no bind parameter per cell, nothing to read back.
  const rows: InvitationRow[] = drafts.map((draft, index) => {
    const { target } = placed[index];
    return {
      id: randomUUID(),
      email: emails[index],
      fullName: draft.fullName.trim(),
      role: target.role,
      organizationId: target.organizationId,
      municipalityId: storedMunicipalityId(target),
      councilMemberId: null,
      tokenHash: hashToken(tokens[index]),
      invitedBy: actor.userId,
      importId: options.batchId ?? null,
      createdAt: now,
      expiresAt,
      lastSentAt: now,
      sendCount: 1,
      acceptedAt: null,
      acceptedUserId: null,
      revokedAt: null,
    };
  });
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await insertMany(tx, invitations, chunk);
    await insertMany(
      tx,
      auditEntries,
      chunk.map((row) => ({
        actorId: actor.userId,
        actorIp: context.ip,
        action: 'invitation.created',
        entityType: 'invitation',
        entityId: row.id,
        after: { email: row.email, role: row.role, organizationId: row.organizationId, municipalityId: row.municipalityId, batchId: options.batchId ?? null },
      })),
    );
  }
  await enqueueMail(
    tx,
    rows.map((row, index) => ({
      to: row.email,
      kind: 'invitation',
      batchId: options.batchId ?? null,
      letter: invitationLetter({
        fullName: row.fullName,
        inviterName: actor.fullName,
        placed: placed[index],
        url: invitationUrl(options.publicUrl, tokens[index]),
        validUntil,
        accountExists: withAccounts.has(row.email),
        resent: false,
      }),
    })),
  );
  return rows;
}

/**
 * Invites one person to one role in a place the grant tree lets the caller reach. An address that already
 * has an account is invited too: accepting adds the role to that account. A live invitation for the same
 * address, role and place is a 409 that points at it, to be resent instead.
 */
export async function invitePerson(context: CommandContext, draft: InvitationDraft, options: InvitationOptions): Promise<Invitation> {
  authorize(context.actor, peoplePolicy.manage);
  const actor = context.actor;
  const placed = await resolveRoleTarget(context.db, draft, 'grant');
  authorize(actor, (a) => grantableBy(a, placed.target));
  const email = normalizeEmail(draft.email);
  const [account] = await context.db.select({ id: users.id, municipalityId: users.municipalityId }).from(users).where(eq(users.email, email)).limit(1);
  if (account && (await holdsRole(context.db, account, placed.target))) {
    throw new Problem(409, 'Роль уже есть', `У учётной записи ${email} уже есть роль «${describeRole(placed)}».`, {
      code: 'role_held',
      errors: [{ field: 'email', message: 'У этого человека уже есть эта роль' }],
    });
  }
  try {
    const [row] = await context.db.transaction((tx) => issueInvitations(tx, context, [{ ...draft, email }], options));
    return await presentInvitation(context.db, row.id);
  } catch (error) {
    if (uniqueViolation(error) !== 'invitations_pending_unique') throw error;
    const [live] = await context.db
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.email, email), eq(invitations.role, placed.target.role), storedPlace(placed.target), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    throw new Problem(409, 'Приглашение уже отправлено', `${email} уже приглашён(а) на эту роль. Если письмо потерялось или ссылка истекла, отправьте приглашение повторно.`, {
      code: 'invitation_exists',
      invitationId: live?.id ?? null,
      errors: [{ field: 'email', message: 'Уже приглашён(а) — отправьте приглашение повторно' }],
    });
  }
}
