import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Session, TestApp } from '../../../test/app';
import { nextSerial } from '../../../test/policy-matrix';
import { outboxMessages } from '../../platform/mail/schema';
import { type MembershipRole, type PlatformRole, memberships, userRoles, users } from '../accounts/schema';
import { openSession } from '../accounts/sessions';

let addressSerial = 0;
/** A different client address for each call, so token endpoints' rate limits stay out of tests about something else. */
const nextAddress = () => `10.1.${Math.floor(++addressSerial / 250)}.${(addressSerial % 250) + 1}`;

/** An HTTP call from its own address, with an optional session. */
export function callFrom(t: TestApp, method: string, url: string, options: { session?: Session | null; body?: unknown; address?: string } = {}) {
  return t.app.inject({
    method: method as 'POST',
    url,
    remoteAddress: options.address ?? nextAddress(),
    headers: options.session ? { cookie: options.session.cookie, 'x-csrf-token': options.session.csrfToken } : {},
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
}

/** The newest letter sent to an address, and the invitation token in its link. */
export async function lastLetterTo(t: TestApp, email: string) {
  const [letter] = await t.handle.db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, email)).orderBy(desc(outboxMessages.id)).limit(1);
  expect(letter, `a letter to ${email}`).toBeDefined();
  const token = /\/invitation\/([A-Za-z0-9_-]{43})/.exec(letter.textBody)?.[1];
  return { letter, token: token! };
}

export const uniqueEmail = (prefix = 'person') => `${prefix}-${nextSerial()}-${randomUUID().slice(0, 6)}@people.test`;

/** An account straight in the store, with the roles given, and a session for it. */
export async function insertPerson(
  t: TestApp,
  roles: { platform?: PlatformRole[]; municipalityId?: string | null; memberships?: { organizationId: string; role: MembershipRole }[] } = {},
) {
  const [user] = await t.handle.db
    .insert(users)
    .values({ email: uniqueEmail(), fullName: `Сотрудник ${nextSerial()}`, municipalityId: roles.municipalityId ?? null })
    .returning();
  if (roles.platform?.length) await t.handle.db.insert(userRoles).values(roles.platform.map((role) => ({ userId: user.id, role })));
  if (roles.memberships?.length) await t.handle.db.insert(memberships).values(roles.memberships.map((m) => ({ userId: user.id, ...m })));
  const { token, csrfToken } = await openSession(t.handle.db, user.id, { ip: '127.0.0.1', userAgent: 'test' });
  return { user, session: { cookie: `orbita_session=${token}`, csrfToken } as Session };
}
