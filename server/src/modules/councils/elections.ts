import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Actor, CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { momentText } from '../../platform/dates';
import { uniqueViolation } from '../../platform/db/errors';
import { Problem, forbidden, invalid, notFound } from '../../platform/problem';
import { memberships } from '../accounts/schema';
import { type NetworkRow, activeMemberIds, headedOrganizations, loadVisibleNetwork, organizationHeads } from '../networks/access';
import { networks } from '../networks/schema';
import { notify } from '../notifications/notify';
import { organizations } from '../organizations/schema';
import { regionTimezone } from '../territory/region-clock';
import { seatMember } from './add-council-member';
import { electionMinutes } from './election-minutes';
import { type ElectionTally, tallyElection } from './election-tally';
import { loadStanding } from './load';
import { type Standing, councilPolicy, permit } from './policy';
import { memberSnapshot } from './present';
import { type ElectionState, councilElectionBallots, councilElections, councilMembers, councilNominations } from './schema';

export type ElectionRow = typeof councilElections.$inferSelect;
type NominationRow = typeof councilNominations.$inferSelect;

/** The election result as stored: the tally, with the candidates' names as they stood. */
export interface ElectionResult extends ElectionTally {
  /** Nominations whose people were already on the council: counted as elected, not seated twice. */
  alreadySeated: string[];
}

const coordinatorOnly = 'Выборы совета проводит координатор сети.';
const headsOnly = 'Голосует руководитель организации — участника сети: одна организация — один бюллетень.';

/** The member organisations the actor heads: each may nominate and cast one ballot. */
async function headedMembers(db: Database, actor: Actor | null, networkId: string): Promise<string[]> {
  if (!actor) return [];
  const headed = headedOrganizations(actor);
  if (!headed.length) return [];
  const active = new Set(await activeMemberIds(db, networkId));
  return headed.filter((id) => active.has(id));
}

/** Whether the caller may put a candidate forward: the coordinator, or the head of a member organisation. */
export const mayNominate = (standing: Standing, heads: string[]) => standing.coordinator || heads.length > 0;

async function electionContext(db: Database, actor: Actor | null, electionId: string) {
  const [election] = await db.select().from(councilElections).where(eq(councilElections.id, electionId)).limit(1);
  if (!election) throw notFound('Выборы');
  const network = await loadVisibleNetwork(db, actor, election.networkId, 'Выборы');
  const standing = await loadStanding(db, actor, network);
  return { election, network, standing };
}

async function lockElection(tx: Database, id: string, strength: 'update' | 'share'): Promise<ElectionRow> {
  const [row] = await tx.select().from(councilElections).where(eq(councilElections.id, id)).for(strength);
  if (!row) throw notFound('Выборы');
  return row;
}

const stateProblems: Record<ElectionState, Problem> = {
  nominating: new Problem(409, 'Голосование ещё не открыто', 'Идёт выдвижение кандидатов: голосование откроет координатор сети.'),
  voting: new Problem(409, 'Идёт голосование', 'Голосование уже открыто: выдвигать и снимать кандидатов больше нельзя.'),
  closed: new Problem(409, 'Выборы завершены', 'Выборы завершены, их итоги записаны в протокол.'),
  cancelled: new Problem(409, 'Выборы отменены', 'Эти выборы отменены координатором сети.'),
};
function requireState(election: Pick<ElectionRow, 'state'>, state: ElectionState) {
  if (election.state !== state) throw stateProblems[election.state];
}

const snapshot = (e: ElectionRow) => ({ networkId: e.networkId, title: e.title, seats: e.seats, state: e.state });

/** Starts an election: nominations open. One election at a time per network. */
export async function createElection(context: CommandContext, networkId: string, input: { title: string; seats: number }) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const standing = await loadStanding(context.db, context.actor, network);
  permit(context.actor, councilPolicy.runElection(standing), coordinatorOnly);
  const actor = context.actor;
  const created = await context.db.transaction(async (tx) => {
    await tx.select({ id: networks.id }).from(networks).where(eq(networks.id, networkId)).for('no key update');
    const [running] = await tx
      .select({ title: councilElections.title })
      .from(councilElections)
      .where(and(eq(councilElections.networkId, networkId), inArray(councilElections.state, ['nominating', 'voting'])));
    if (running) throw new Problem(409, 'Выборы уже идут', `Сначала завершите или отмените выборы «${running.title}».`);
    const [row] = await tx.insert(councilElections).values({ networkId, title: input.title, seats: input.seats, createdBy: actor.userId }).returning();
    await recordAudit(tx, context, { action: 'council.election_created', entityType: 'council_election', entityId: row.id, after: snapshot(row) });
    return row;
  });
  return presentElection(context.db, context.actor, created, network, standing);
}

/** Puts a person of an active member organisation forward; the coordinator or a member organisation's head. */
export async function nominateCandidate(context: CommandContext, electionId: string, input: { organizationId: string; userId?: string | null; fullName: string; position: string }) {
  const { election, network, standing } = await electionContext(context.db, context.actor, electionId);
  const heads = await headedMembers(context.db, context.actor, network.id);
  permit(context.actor, mayNominate(standing, heads), 'Кандидатов выдвигают руководители организаций — участников сети и координатор.');
  requireState(election, 'nominating');
  const actor = context.actor;
  const row = await context.db.transaction(async (tx) => {
    requireState(await lockElection(tx, electionId, 'update'), 'nominating');
    if (!(await activeMemberIds(tx, network.id)).includes(input.organizationId)) {
      throw invalid('Кандидат — представитель организации, действующего участника сети.', [{ field: 'organizationId', message: 'Организация не является действующим участником сети' }]);
    }
    if (input.userId) {
      const [staff] = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.userId, input.userId), eq(memberships.organizationId, input.organizationId)))
        .limit(1);
      if (!staff) throw invalid('Учётная запись должна принадлежать выбранной организации.', [{ field: 'userId', message: 'Эта учётная запись не относится к выбранной организации' }]);
    }
    const standingNow = await tx.select().from(councilNominations).where(and(eq(councilNominations.electionId, electionId), isNull(councilNominations.withdrawnAt)));
    const same = standingNow.find(
      (n) => (input.userId && n.userId === input.userId) || (n.organizationId === input.organizationId && n.fullName.toLocaleLowerCase('ru') === input.fullName.toLocaleLowerCase('ru')),
    );
    if (same) throw new Problem(409, 'Кандидат уже выдвинут', 'Этот человек уже в списке кандидатов этих выборов.', { errors: [{ field: 'fullName', message: 'Уже выдвинут(а)' }] });
    const [created] = await tx
      .insert(councilNominations)
      .values({ electionId, organizationId: input.organizationId, userId: input.userId ?? null, fullName: input.fullName, position: input.position, nominatedBy: actor.userId })
      .returning();
    await recordAudit(tx, context, { action: 'council.candidate_nominated', entityType: 'council_election', entityId: electionId, after: created });
    return created;
  });
  return row;
}

/** Withdraws a candidate before voting opens: the coordinator, or whoever put them forward. */
export async function withdrawNomination(context: CommandContext, nominationId: string) {
  const [nomination] = await context.db.select().from(councilNominations).where(eq(councilNominations.id, nominationId)).limit(1);
  if (!nomination || nomination.withdrawnAt) throw notFound('Кандидат');
  const { election, standing } = await electionContext(context.db, context.actor, nomination.electionId);
  permit(context.actor, standing.coordinator || nomination.nominatedBy === context.actor?.userId, 'Снять кандидата может координатор сети или тот, кто его выдвинул.');
  requireState(election, 'nominating');
  await context.db.transaction(async (tx) => {
    requireState(await lockElection(tx, election.id, 'update'), 'nominating');
    const [withdrawn] = await tx
      .update(councilNominations)
      .set({ withdrawnAt: new Date() })
      .where(and(eq(councilNominations.id, nominationId), isNull(councilNominations.withdrawnAt)))
      .returning();
    if (!withdrawn) throw notFound('Кандидат');
    await recordAudit(tx, context, { action: 'council.candidate_withdrawn', entityType: 'council_election', entityId: election.id, before: nomination, after: withdrawn });
  });
}

/** nominating → voting; the heads of the member organisations are told a ballot awaits them. */
export async function openElection(context: CommandContext, electionId: string) {
  const { election, network, standing } = await electionContext(context.db, context.actor, electionId);
  permit(context.actor, councilPolicy.runElection(standing), coordinatorOnly);
  requireState(election, 'nominating');
  const opened = await context.db.transaction(async (tx) => {
    const current = await lockElection(tx, electionId, 'update');
    requireState(current, 'nominating');
    const candidates = await tx.select({ id: councilNominations.id }).from(councilNominations).where(and(eq(councilNominations.electionId, electionId), isNull(councilNominations.withdrawnAt)));
    if (!candidates.length) throw new Problem(409, 'Нет кандидатов', 'Выдвиньте хотя бы одного кандидата, затем открывайте голосование.');
    const [row] = await tx.update(councilElections).set({ state: 'voting', openedAt: new Date() }).where(eq(councilElections.id, electionId)).returning();
    await recordAudit(tx, context, { action: 'council.election_opened', entityType: 'council_election', entityId: electionId, before: snapshot(current), after: snapshot(row) });
    const heads = await organizationHeads(tx, await activeMemberIds(tx, network.id));
    await notify(
      tx,
      [...new Set(heads.map((h) => h.userId))].map((userId) => ({
        userId,
        kind: 'voting_opened' as const,
        title: `Выборы совета: «${row.title}»`,
        body: `Сеть «${network.name}». Руководитель каждой организации-участника голосует за кандидатов в совет (не более ${row.seats}).`,
        link: `/networks/${network.id}/council`,
        data: { electionId },
      })),
    );
    return row;
  });
  return presentElection(context.db, context.actor, opened, network, standing);
}

/**
 * The ballot of a member organisation, cast by its head: at most `seats` distinct standing candidates (none —
 * against all). The primary key (election, organisation) is the arbiter: of two heads voting at once, one
 * ballot counts and the other gets 409.
 */
export async function castBallot(context: CommandContext, electionId: string, input: { nominationIds: string[]; organizationId?: string }) {
  const { election, network, standing } = await electionContext(context.db, context.actor, electionId);
  const heads = await headedMembers(context.db, context.actor, network.id);
  permit(context.actor, heads.length > 0, headsOnly);
  let organizationId: string;
  if (input.organizationId) {
    if (!heads.includes(input.organizationId)) throw forbidden('Вы не руководитель этой организации-участника.');
    organizationId = input.organizationId;
  } else if (heads.length > 1) {
    throw invalid('Вы руководите несколькими организациями-участниками — укажите, от какой голосуете.', [{ field: 'organizationId', message: 'Выберите организацию' }]);
  } else {
    organizationId = heads[0];
  }
  requireState(election, 'voting');
  const chosen = [...new Set(input.nominationIds)];
  if (chosen.length !== input.nominationIds.length) throw invalid('Каждого кандидата можно отметить один раз.', [{ field: 'nominationIds', message: 'Кандидат отмечен дважды' }]);
  if (chosen.length > election.seats) {
    throw invalid(`Кандидатов в бюллетене не больше, чем мест в совете: ${election.seats}.`, [
      { field: 'nominationIds', message: `Отметьте не больше ${election.seats}` },
    ]);
  }
  await context.db
    .transaction(async (tx) => {
      requireState(await lockElection(tx, electionId, 'share'), 'voting');
      if (chosen.length) {
        const valid = await tx
          .select({ id: councilNominations.id })
          .from(councilNominations)
          .where(and(eq(councilNominations.electionId, electionId), isNull(councilNominations.withdrawnAt), inArray(councilNominations.id, chosen)));
        if (valid.length !== chosen.length) throw invalid('В бюллетене кандидат, которого нет в списке этих выборов.', [{ field: 'nominationIds', message: 'Неизвестный кандидат' }]);
      }
      const [ballot] = await tx.insert(councilElectionBallots).values({ electionId, organizationId, nominationIds: chosen, castBy: context.actor!.userId }).returning();
      await recordAudit(tx, context, { action: 'council.ballot_cast', entityType: 'council_election', entityId: electionId, after: ballot });
    })
    .catch((error: unknown) => {
      if (uniqueViolation(error) === 'council_election_ballots_one_per_organization') {
        throw new Problem(409, 'Организация уже проголосовала', 'От вашей организации бюллетень уже подан: одна организация — один бюллетень.');
      }
      throw error;
    });
  const [current] = await context.db.select().from(councilElections).where(eq(councilElections.id, electionId));
  return presentElection(context.db, context.actor, current, network, standing);
}

/**
 * voting → closed: counts the ballots of organisations that are active members now, for candidates whose
 * organisations still are; with a quorum, the council members seated by an earlier election leave and the
 * elected are seated (appointed seats and seats outside the member organisations stay); the minutes record it all.
 * One transaction under the election's lock, so a ballot being cast right now is either counted or refused.
 */
export async function closeElection(context: CommandContext, electionId: string) {
  const { election, network, standing } = await electionContext(context.db, context.actor, electionId);
  permit(context.actor, councilPolicy.runElection(standing), coordinatorOnly);
  requireState(election, 'voting');
  const timeZone = await regionTimezone(context.db);
  const closed = await context.db.transaction(async (tx) => {
    const current = await lockElection(tx, electionId, 'update');
    requireState(current, 'voting');
    const [rules] = await tx.select({ quorumPercent: networks.quorumPercent }).from(networks).where(eq(networks.id, network.id));
    const active = new Set(await activeMemberIds(tx, network.id));
    const nominations = (await tx.select().from(councilNominations).where(and(eq(councilNominations.electionId, electionId), isNull(councilNominations.withdrawnAt)))).filter((n) =>
      active.has(n.organizationId),
    );
    const ballots = (await tx.select().from(councilElectionBallots).where(eq(councilElectionBallots.electionId, electionId))).filter((b) => active.has(b.organizationId));
    const tally = tallyElection({ eligible: active.size, ballots: ballots.map((b) => b.nominationIds), candidates: nominations.map((n) => n.id), seats: current.seats, quorumPercent: rules.quorumPercent });
    const byId = new Map<string, NominationRow>(nominations.map((n) => [n.id, n]));
    const orgIds = [...new Set([...nominations.map((n) => n.organizationId), ...ballots.map((b) => b.organizationId)])];
    const names = new Map(
      (orgIds.length ? await tx.select({ id: organizations.id, shortName: organizations.shortName }).from(organizations).where(inArray(organizations.id, orgIds)) : []).map((o) => [o.id, o.shortName]),
    );

    const alreadySeated: string[] = [];
    if (tally.outcome === 'elected' && tally.elected.length) {
      const now = new Date();
      // The elected part of the council is replaced: seats of earlier elections end (their rows stay for past meetings).
      const ended = await tx
        .update(councilMembers)
        .set({ removedAt: now })
        .where(and(eq(councilMembers.networkId, network.id), isNull(councilMembers.removedAt), ne(councilMembers.electionId, electionId)))
        .returning();
      for (const row of ended.filter((r) => r.electionId !== null)) {
        await recordAudit(tx, context, { action: 'council.member_removed', entityType: 'council_member', entityId: row.id, after: { ...memberSnapshot(row), reason: 'Новые выборы совета' } });
      }
      const staying = await tx.select().from(councilMembers).where(and(eq(councilMembers.networkId, network.id), isNull(councilMembers.removedAt)));
      for (const id of tally.elected) {
        const nomination = byId.get(id)!;
        const seated = staying.find(
          (m) => (nomination.userId && m.userId === nomination.userId) || (m.organizationId === nomination.organizationId && m.fullName.toLocaleLowerCase('ru') === nomination.fullName.toLocaleLowerCase('ru')),
        );
        if (seated) {
          alreadySeated.push(id);
          continue;
        }
        const [staff] = nomination.userId
          ? await tx.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.userId, nomination.userId), eq(memberships.organizationId, nomination.organizationId))).limit(1)
          : [];
        await seatMember(tx, context, network, {
          kind: 'representative',
          organizationId: nomination.organizationId,
          userId: staff ? nomination.userId : null,
          fullName: nomination.fullName,
          position: nomination.position,
          affiliation: '',
          role: 'member',
          voting: true,
          electionId,
        });
      }
    }
    const closedAt = new Date();
    const result: ElectionResult = { ...tally, alreadySeated };
    const minutes = electionMinutes({
      networkName: network.name,
      election: current,
      openedAt: current.openedAt ? momentText(current.openedAt, timeZone) : '—',
      closedAt: momentText(closedAt, timeZone),
      tally: result,
      candidates: new Map(nominations.map((n) => [n.id, { fullName: n.fullName, position: n.position, organizationName: names.get(n.organizationId) ?? '' }])),
      ballots: ballots
        .map((b) => ({ organizationName: names.get(b.organizationId) ?? '', names: b.nominationIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!.fullName] : [])) }))
        .sort((a, b) => a.organizationName.localeCompare(b.organizationName, 'ru')),
    });
    const [row] = await tx.update(councilElections).set({ state: 'closed', result, minutes, closedAt }).where(eq(councilElections.id, electionId)).returning();
    await recordAudit(tx, context, { action: 'council.election_closed', entityType: 'council_election', entityId: electionId, before: snapshot(current), after: { ...snapshot(row), result } });
    return row;
  });
  return presentElection(context.db, context.actor, closed, network, standing);
}

/** Cancels an election that has not closed; nothing is seated. */
export async function cancelElection(context: CommandContext, electionId: string) {
  const { election, network, standing } = await electionContext(context.db, context.actor, electionId);
  permit(context.actor, councilPolicy.runElection(standing), coordinatorOnly);
  if (election.state === 'closed' || election.state === 'cancelled') throw stateProblems[election.state];
  const row = await context.db.transaction(async (tx) => {
    const current = await lockElection(tx, electionId, 'update');
    if (current.state === 'closed' || current.state === 'cancelled') throw stateProblems[current.state];
    const [cancelled] = await tx.update(councilElections).set({ state: 'cancelled', closedAt: new Date() }).where(eq(councilElections.id, electionId)).returning();
    await recordAudit(tx, context, { action: 'council.election_cancelled', entityType: 'council_election', entityId: electionId, before: snapshot(current), after: snapshot(cancelled) });
    return cancelled;
  });
  return presentElection(context.db, context.actor, row, network, standing);
}

/**
 * An election as the council page shows it to whoever sees the network: candidates, how many organisations
 * have voted, the caller's own ballots; who voted for whom and the minutes once it has closed.
 */
export async function presentElection(db: Database, actor: Actor | null, election: ElectionRow, network: NetworkRow, standing: Standing) {
  const nominations = await db
    .select({ nomination: councilNominations, organizationName: organizations.shortName })
    .from(councilNominations)
    .innerJoin(organizations, eq(organizations.id, councilNominations.organizationId))
    .where(and(eq(councilNominations.electionId, election.id), isNull(councilNominations.withdrawnAt)));
  const ballots = await db
    .select({ ballot: councilElectionBallots, organizationName: organizations.shortName })
    .from(councilElectionBallots)
    .innerJoin(organizations, eq(organizations.id, councilElectionBallots.organizationId))
    .where(eq(councilElectionBallots.electionId, election.id));
  const heads = await headedMembers(db, actor, network.id);
  const closed = election.state === 'closed';
  const canNominate = election.state === 'nominating' && mayNominate(standing, heads);
  return {
    id: election.id,
    networkId: election.networkId,
    title: election.title,
    seats: election.seats,
    state: election.state,
    createdAt: election.createdAt,
    openedAt: election.openedAt,
    closedAt: election.closedAt,
    candidates: nominations
      .map(({ nomination: n, organizationName }) => ({
        id: n.id,
        organizationId: n.organizationId,
        organizationName,
        fullName: n.fullName,
        position: n.position,
        nominatedByYou: !!actor && n.nominatedBy === actor.userId,
        canWithdraw: election.state === 'nominating' && (standing.coordinator || (!!actor && n.nominatedBy === actor.userId)),
      }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru')),
    votedOrganizations: ballots.length,
    yourBallots: ballots.filter((b) => heads.includes(b.ballot.organizationId)).map((b) => ({ organizationId: b.ballot.organizationId, nominationIds: b.ballot.nominationIds })),
    ballots: closed ? ballots.map((b) => ({ organizationId: b.ballot.organizationId, organizationName: b.organizationName, nominationIds: b.ballot.nominationIds })) : null,
    result: (election.result ?? null) as ElectionResult | null,
    minutes: closed ? election.minutes : null,
    permissions: {
      canNominate,
      /** Member organisations the caller heads that have not voted yet. */
      canVoteFor: election.state === 'voting' ? heads.filter((id) => !ballots.some((b) => b.ballot.organizationId === id)) : [],
      canOpen: election.state === 'nominating' && councilPolicy.runElection(standing),
      canClose: election.state === 'voting' && councilPolicy.runElection(standing),
      canCancel: (election.state === 'nominating' || election.state === 'voting') && councilPolicy.runElection(standing),
    },
  };
}

/** A network's council elections, newest first, with what the caller may do; and the nominating form's choices. */
export async function listElections(context: CommandContext, networkId: string) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const standing = await loadStanding(context.db, context.actor, network);
  const rows = await context.db.select().from(councilElections).where(eq(councilElections.networkId, networkId));
  rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const items = [];
  for (const row of rows) items.push(await presentElection(context.db, context.actor, row, network, standing));
  return { items, permissions: { canCreate: councilPolicy.runElection(standing) } };
}
