import { and, desc, eq, sql } from 'drizzle-orm';
import type { CommandContext } from '../platform/context';
import type { Database } from '../platform/db/client';
import { absoluteUrl } from '../platform/mail/links';
import { outboxMessages } from '../platform/mail/schema';
import { invitations, sessions, users } from '../modules/accounts/schema';
import { SESSION_TTL_MS, loadActor } from '../modules/accounts/sessions';
import { acceptInvitation } from '../modules/people/accept-invitation';
import { deactivatePerson } from '../modules/people/deactivate-person';
import { regionInstantText } from '../modules/people/invitation-letter';
import { invitePerson } from '../modules/people/invite-person';
import { resendInvitation } from '../modules/people/resend-invitation';
import type { Role } from '../modules/people/roles';
import { regionTimezone } from '../modules/territory/region-clock';
import type { DemoHeads } from './demo-heads';

/** One invitation of the demo, in the order they were sent. */
interface DemoInvitation {
  /** Who invites: a demo account's address, or `head:<organisation key>` for that organisation's head. */
  by: string;
  email: string;
  fullName: string;
  role: Role;
  /** The organisation (its key in demo-region.ts) for a role in one. */
  organization?: string;
  /** The municipality (its key) of an authority. */
  municipality?: string;
  /** How many days ago the letter went out: past the link's term it has expired. */
  sentDaysAgo: number;
  /** Sent again with a new link that many days ago. */
  resentDaysAgo?: number;
  /** Accepted the day after: a new address gets an account with the demo password, an existing account accepts signed in. */
  accepted?: boolean;
  /** Switched off by the operator afterwards, for this reason. */
  deactivatedFor?: string;
}

const OPERATOR = 'operator@orbita.demo';
const DIRECTOR = 'director@orbita.demo';

/**
 * Who invited whom. The operator brought in the Новочеркасск authority, who invited heads of the town's
 * schools; the lyceum 23 director invited her teachers; the lyceum 49 head took on teacher@orbita.demo, who
 * now works in two schools; director31 is also an expert. Some links wait, some expired, one was sent again.
 */
const demoInvitations: DemoInvitation[] = [
  { by: DIRECTOR, email: 'former.teacher@orbita.demo', fullName: 'Гусев Павел Андреевич', role: 'teacher', organization: 'kld-lyceum-23', sentDaysAgo: 60, accepted: true, deactivatedFor: 'Уволился из лицея № 23 по собственному желанию; отключено по письму директора' },
  { by: OPERATOR, email: 'zakharova@orbita.demo', fullName: 'Захарова Людмила Петровна', role: 'expert', sentDaysAgo: 30 },
  { by: OPERATOR, email: 'authority.novocherkassk@orbita.demo', fullName: 'Ковалёва Наталья Сергеевна', role: 'authority', municipality: 'novocherkassk', sentDaysAgo: 24, accepted: true },
  { by: 'authority.novocherkassk@orbita.demo', email: 'kindergarten47@orbita.demo', fullName: 'Полякова Ирина Юрьевна', role: 'org_admin', organization: 'nvch-kindergarten-47', sentDaysAgo: 20 },
  { by: 'authority@orbita.demo', email: 'frolova@orbita.demo', fullName: 'Фролова Анна Викторовна', role: 'authority', municipality: 'kaliningrad', sentDaysAgo: 16, resentDaysAgo: 1 },
  { by: OPERATOR, email: 'director31@orbita.demo', fullName: 'Рыбалко Елена Николаевна', role: 'expert', sentDaysAgo: 15, accepted: true },
  { by: DIRECTOR, email: 'teacher.physics@orbita.demo', fullName: 'Орлов Дмитрий Сергеевич', role: 'teacher', organization: 'kld-lyceum-23', sentDaysAgo: 10, accepted: true },
  { by: DIRECTOR, email: 'teacher.history@orbita.demo', fullName: 'Белякова Светлана Андреевна', role: 'teacher', organization: 'kld-lyceum-23', sentDaysAgo: 9, accepted: true },
  { by: 'head:kld-lyceum-49', email: 'teacher@orbita.demo', fullName: 'Миронова Анна Игоревна', role: 'teacher', organization: 'kld-lyceum-49', sentDaysAgo: 6, accepted: true },
  { by: 'authority.novocherkassk@orbita.demo', email: 'director25@orbita.demo', fullName: 'Дьяченко Сергей Викторович', role: 'org_admin', organization: 'nvch-school-25', sentDaysAgo: 4 },
  { by: DIRECTOR, email: 'teacher.english@orbita.demo', fullName: 'Кравец Максим Олегович', role: 'teacher', organization: 'kld-lyceum-23', sentDaysAgo: 3 },
  { by: OPERATOR, email: 'authority.yaroslavl@orbita.demo', fullName: 'Смирнов Игорь Валентинович', role: 'authority', municipality: 'yaroslavl', sentDaysAgo: 2 },
];

/** The link's term in days: the platform's default (config.invitationTtlDays), which the demo's ages assume. */
const TTL_DAYS = 14;
const DAY_MS = 24 * 3600 * 1000;
const LINK = /\/invitation\/([A-Za-z0-9_-]{43})/;

/**
 * Invitations, accounts and letters of the people area, made through the same commands people use (so they
 * are checked against the grant tree and audited). Time cannot pass in a seed, so each invitation is moved
 * back to the day it was sent afterwards, with its letter's date and «valid until»; the accepted ones were
 * accepted the next day. Without a mail server every letter stays in «Исходящие письма».
 */
export async function seedDemoPeople(db: Database, heads: DemoHeads, municipalityIds: Map<string, string>, password: string) {
  const publicUrl = absoluteUrl('/').replace(/\/$/, '');
  const timeZone = await regionTimezone(db);
  const options = { publicUrl, ttlDays: TTL_DAYS };
  const asAccount = async (email: string): Promise<CommandContext> => {
    const [user] = await db.select().from(users).where(eq(users.email, email));
    if (!user) throw new Error(`demo invitation names an unknown account: ${email}`);
    return { db, actor: await loadActor(db, user), ip: 'seed' };
  };
  const inviter = async (by: string): Promise<CommandContext> =>
    by.startsWith('head:') ? { db, actor: await heads.headOf(by.slice('head:'.length)), ip: 'seed' } : asAccount(by);

  /** The letter just sent to `email`, with the term it names: it is moved back in time with its invitation. */
  async function lastSent(invitationId: string, email: string) {
    const [{ expiresAt }] = await db.select({ expiresAt: invitations.expiresAt }).from(invitations).where(eq(invitations.id, invitationId));
    const [letter] = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.toAddress, email), eq(outboxMessages.kind, 'invitation')))
      .orderBy(desc(outboxMessages.id))
      .limit(1);
    return { letter, expiresAt };
  }

  /** Moves a letter `days` back, with the «valid until» it names. */
  async function backdateLetter({ letter, expiresAt }: Awaited<ReturnType<typeof lastSent>>, days: number) {
    const [before, after] = [regionInstantText(expiresAt, timeZone), regionInstantText(daysBefore(expiresAt, days), timeZone)];
    const sentAt = daysBefore(letter.createdAt, days);
    await db
      .update(outboxMessages)
      .set({ createdAt: sentAt, nextAttemptAt: sentAt, textBody: letter.textBody.replaceAll(before, after), htmlBody: letter.htmlBody.replaceAll(before, after) })
      .where(eq(outboxMessages.id, letter.id));
  }

  // The region's people have been on the platform for a term already: the invitations below go back two months.
  await db.update(users).set({ createdAt: sql`${users.createdAt} - interval '90 days'` });
  const operator = await asAccount(OPERATOR);
  for (const demo of demoInvitations) {
    const by = await inviter(demo.by);
    const invitation = await invitePerson(
      by,
      {
        email: demo.email,
        fullName: demo.fullName,
        role: demo.role,
        organizationId: demo.organization ? heads.id(demo.organization) : null,
        municipalityId: demo.municipality ? municipalityOf(municipalityIds, demo.municipality) : null,
      },
      options,
    );
    const first = await lastSent(invitation.id, demo.email);
    const again = demo.resentDaysAgo === undefined ? null : (await resendInvitation(by, invitation.id, options), await lastSent(invitation.id, demo.email));
    const lastDaysAgo = demo.resentDaysAgo ?? demo.sentDaysAgo;

    // Accepted while the link still works, then moved back with the rest.
    let accountCreated = false;
    if (demo.accepted) {
      const token = LINK.exec((again ?? first).letter.textBody)?.[1];
      if (!token) throw new Error(`the invitation letter to ${demo.email} has no link`);
      const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, demo.email));
      const result = await acceptInvitation(existing ? await asAccount(demo.email) : { db, actor: null, ip: 'seed' }, { token, password: existing ? undefined : password });
      accountCreated = result.accountCreated;
      if (demo.deactivatedFor) await deactivatePerson(operator, result.actor.userId, { reason: demo.deactivatedFor });
    }

    const now = new Date();
    const acceptedAt = daysBefore(now, lastDaysAgo - 1);
    await db
      .update(invitations)
      .set({
        createdAt: daysBefore(invitation.createdAt, demo.sentDaysAgo),
        lastSentAt: daysBefore((again ?? first).letter.createdAt, lastDaysAgo),
        expiresAt: daysBefore((again ?? first).expiresAt, lastDaysAgo),
        ...(demo.accepted ? { acceptedAt } : {}),
      })
      .where(eq(invitations.id, invitation.id));
    await backdateLetter(first, demo.sentDaysAgo);
    if (again) await backdateLetter(again, lastDaysAgo);
    if (accountCreated) {
      const [account] = await db.update(users).set({ createdAt: acceptedAt, emailVerifiedAt: acceptedAt }).where(eq(users.email, demo.email)).returning({ id: users.id });
      // The session accepting opened is the person's last visit, that day.
      await db.update(sessions).set({ createdAt: acceptedAt, lastSeenAt: acceptedAt, expiresAt: new Date(acceptedAt.getTime() + SESSION_TTL_MS) }).where(eq(sessions.userId, account.id));
    }
  }
  return { invitations: demoInvitations.length };
}

const daysBefore = (instant: Date, days: number) => new Date(instant.getTime() - days * DAY_MS);

const municipalityOf = (ids: Map<string, string>, key: string) => {
  const id = ids.get(key);
  if (!id) throw new Error(`demo invitation names an unknown municipality: ${key}`);
  return id;
};
