import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { organizations } from '../organizations/schema';
import { municipalities } from '../territory/schema';
import { accountPolicy } from './policy';
import { accountTokens, memberships, ssoIdentities, userRoles, users } from './schema';

/** The person's account row with their municipality's name, never the password hash. */
export async function loadAccount(db: Database, userId: string) {
  const [row] = await db
    .select({ user: users, municipality: { id: municipalities.id, name: municipalities.name } })
    .from(users)
    .leftJoin(municipalities, eq(municipalities.id, users.municipalityId))
    .where(eq(users.id, userId));
  const { passwordHash, municipalityId: _, ...account } = row.user;
  return { ...account, hasPassword: passwordHash !== null, municipality: row.municipality };
}

/** The person's roles in organisations, with the organisations' names. */
export function membershipsOf(db: Database, userId: string) {
  return db
    .select({ organizationId: memberships.organizationId, organizationName: organizations.shortName, role: memberships.role, createdAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(organizations.sortKey, memberships.role);
}

export function platformRolesOf(db: Database, userId: string) {
  return db.select({ role: userRoles.role, createdAt: userRoles.createdAt }).from(userRoles).where(eq(userRoles.userId, userId)).orderBy(userRoles.role);
}

/**
 * What «Мой профиль» shows: the account, roles and organisations (read-only), whether a password is set, the
 * mail preference, and an address change waiting for its confirmation.
 */
export async function getProfile(context: CommandContext) {
  const { actor } = context;
  authorize(actor, accountPolicy.manageOwnAccount);
  const db = context.db;
  const [account, roles, places, [pending], sso] = await Promise.all([
    loadAccount(db, actor.userId),
    platformRolesOf(db, actor.userId),
    membershipsOf(db, actor.userId),
    db
      .select({ newEmail: accountTokens.newEmail, expiresAt: accountTokens.expiresAt })
      .from(accountTokens)
      .where(and(eq(accountTokens.userId, actor.userId), eq(accountTokens.purpose, 'email_change'), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, new Date())))
      .orderBy(desc(accountTokens.createdAt))
      .limit(1),
    db.select({ issuer: ssoIdentities.issuer }).from(ssoIdentities).where(eq(ssoIdentities.userId, actor.userId)),
  ]);
  return {
    id: account.id,
    email: account.email,
    fullName: account.fullName,
    createdAt: account.createdAt,
    emailVerifiedAt: account.emailVerifiedAt,
    hasPassword: account.hasPassword,
    ssoLinked: sso.length > 0,
    mailPreference: account.mailPreference,
    platformRoles: roles.map((r) => r.role),
    municipality: account.municipality,
    memberships: places.map(({ createdAt: _, ...m }) => m),
    pendingEmailChange: pending ? { newEmail: pending.newEmail!, expiresAt: pending.expiresAt } : null,
  };
}
