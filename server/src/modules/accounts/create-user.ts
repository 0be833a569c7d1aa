import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { checkNewPassword, hashPassword } from './passwords';
import { type MembershipRole, type PlatformRole, memberships, userRoles, users } from './schema';

export interface NewUser {
  email: string;
  /** Null for an account that signs in only through SSO. */
  password: string | null;
  fullName: string;
  platformRoles: PlatformRole[];
  municipalityId: string | null;
  memberships: { organizationId: string; role: MembershipRole }[];
  /** When the address was proven (an accepted invitation proves it); null when nobody has proven it yet. */
  emailVerifiedAt?: Date | null;
}

/**
 * Creates an account; used by registration, accepting an invitation, the CLI, the first-operator bootstrap and
 * the demo seed (callers authorise). Its password passes the one strength rule here, whichever way it came.
 */
export async function createUser(context: CommandContext, input: NewUser) {
  if (input.password !== null) checkNewPassword(input.password, 'password', input);
  const passwordHash = input.password === null ? null : await hashPassword(input.password);
  return context.db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email.trim().toLowerCase(),
        passwordHash,
        fullName: input.fullName,
        municipalityId: input.municipalityId,
        emailVerifiedAt: input.emailVerifiedAt ?? null,
      })
      .returning();
    if (input.platformRoles.length) {
      await tx.insert(userRoles).values(input.platformRoles.map((role) => ({ userId: user.id, role })));
    }
    if (input.memberships.length) {
      await tx.insert(memberships).values(input.memberships.map((m) => ({ userId: user.id, ...m })));
    }
    const { passwordHash: _omit, ...visible } = user;
    await recordAudit(tx, context, { action: 'user.created', entityType: 'user', entityId: user.id, after: { ...visible, platformRoles: input.platformRoles, memberships: input.memberships } });
    return user;
  });
}
