import { and, desc, eq } from 'drizzle-orm';
import type { CommandContext } from '../platform/context';
import { absoluteUrl } from '../platform/mail/links';
import { outboxMessages } from '../platform/mail/schema';
import { addCouncilMember } from '../modules/councils/add-council-member';
import { castBallot, closeElection, createElection, nominateCandidate, openElection } from '../modules/councils/elections';
import { updateCouncilMember } from '../modules/councils/update-council-member';
import { acceptInvitation } from '../modules/people/accept-invitation';
import type { DemoHeads } from './demo-heads';
import type { DemoElection, DemoOutsideSeat } from './demo-networks';

const LINK = /\/invitation\/([A-Za-z0-9_-]{43})/;
/** The platform's default link term (config.invitationTtlDays). */
export const seatInvitationOptions = () => ({ publicUrl: absoluteUrl('/').replace(/\/$/, ''), ttlDays: 14 });

/**
 * Seed 001's council of directors, elected: each school's head nominates themselves, every member
 * organisation's head casts a ballot for all of them, the coordinator closes the vote (the minutes record
 * it) and gives the elected council its chair and secretary — the same commands people use, audited.
 */
export async function electDemoCouncil(coordinator: CommandContext, as: (actor: NonNullable<CommandContext['actor']>) => CommandContext, heads: DemoHeads, networkId: string, demo: DemoElection) {
  const election = await createElection(coordinator, networkId, { title: demo.title, seats: demo.candidates.length });
  const nominated = new Map<string, string>();
  for (const key of demo.candidates) {
    const head = await heads.headOf(key);
    const nomination = await nominateCandidate(as(head), election.id, { organizationId: heads.id(key), userId: head.userId, fullName: head.fullName, position: 'Директор' });
    nominated.set(key, nomination.id);
  }
  await openElection(coordinator, election.id);
  for (const key of demo.voters) {
    await castBallot(as(await heads.headOf(key)), election.id, { nominationIds: [...nominated.values()] });
  }
  const closed = await closeElection(coordinator, election.id);
  const { getCouncil } = await import('../modules/councils/get-council');
  const council = await getCouncil(coordinator, networkId);
  for (const [key, role] of [[demo.chair, 'chair'] as const, [demo.secretary, 'secretary'] as const]) {
    const seat = council.members.find((m) => m.organizationId === heads.id(key) && m.electionId === closed.id);
    if (seat) await updateCouncilMember(coordinator, seat.id, { role });
  }
}

/**
 * Seed 003's council of school No. 31: beside the partners' representatives, a parent (who accepted the
 * invitation and has an account without any role), a pupil (name and grade only, with the parents' consent,
 * no account) and a partner enterprise whose invitation still waits.
 */
export async function seatDemoOutsiders(coordinator: CommandContext, networkId: string, seats: DemoOutsideSeat[], password: string) {
  const db = coordinator.db;
  for (const seat of seats) {
    await addCouncilMember(
      coordinator,
      networkId,
      { kind: seat.kind, fullName: seat.fullName, position: seat.position ?? '', affiliation: seat.affiliation, role: 'member', voting: seat.vote === 'deciding', email: seat.email ?? null, consentConfirmed: seat.kind === 'pupil' },
      seatInvitationOptions(),
    );
    if (seat.email && seat.accepted) {
      const [letter] = await db.select().from(outboxMessages).where(and(eq(outboxMessages.toAddress, seat.email), eq(outboxMessages.kind, 'invitation'))).orderBy(desc(outboxMessages.createdAt)).limit(1);
      const token = letter && LINK.exec(letter.textBody)?.[1];
      if (!token) throw new Error(`the council seat letter to ${seat.email} has no link`);
      await acceptInvitation({ db, actor: null, ip: 'seed' }, { token, password });
    }
  }
}
