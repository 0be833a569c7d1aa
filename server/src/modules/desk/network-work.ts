import { and, arrayOverlaps, asc, eq, exists, gte, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { seatsOf } from '../councils/load';
import { councilPolicy } from '../councils/policy';
import { decisions, meetingAttendance, meetings, votes } from '../councils/schema';
import { requiredSignersAmong } from '../documents/document-access';
import { documentPolicy } from '../documents/policy';
import { documentSignatures, documentVersions, networkDocuments } from '../documents/schema';
import { resourceOffers } from '../inventory/schema';
import { resourceExchanges } from '../exchanges/schema';
import { headedOrganizations, managedNetworks, visibleNetworks } from '../networks/access';
import { networkMembers, networks } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { dueSoon } from '../plans/notify-due-plan-items';
import { isOverdue } from '../plans/plan-item-status';
import { planItems, plans } from '../plans/schema';
import type { DeskItem, DeskPart, DeskScope } from './desk-item';

const json = <T>(query: ReturnType<typeof sql>) => sql<T>`coalesce((${query}), '[]'::json)`;

/** Documents in signing where an organisation the person heads is a party that has not signed the current version. */
async function signatures({ db, actor }: DeskScope): Promise<DeskItem[]> {
  const headOf = headedOrganizations(actor);
  if (!headOf.length) return [];
  const rows = await db
    .select({
      id: networkDocuments.id,
      title: networkDocuments.title,
      kind: networkDocuments.kind,
      accedingOrganizationId: networkDocuments.accedingOrganizationId,
      partyOrganizationIds: networkDocuments.partyOrganizationIds,
      partyScope: networkDocuments.partyScope,
      sentAt: networkDocuments.updatedAt,
      network: { id: networks.id, name: networks.name, managingOrganizationId: networks.managingOrganizationId, municipalityIds: networks.municipalityIds },
      // The person's organisations among the network's active members: the parties of a whole-network document among theirs.
      activeHeaded: json<string[]>(
        sql`select json_agg(${networkMembers.organizationId}) from ${networkMembers} where ${networkMembers.networkId} = ${networks.id} and ${networkMembers.state} = 'active' and ${inArray(networkMembers.organizationId, headOf)}`,
      ),
      signedBy: json<string[]>(
        sql`select json_agg(${documentSignatures.organizationId}) from ${documentSignatures} join ${documentVersions} on ${documentVersions.id} = ${documentSignatures.versionId} where ${documentVersions.documentId} = ${networkDocuments.id} and ${documentVersions.version} = ${networkDocuments.currentVersion} and ${documentSignatures.voidedAt} is null`,
      ),
    })
    .from(networkDocuments)
    .innerJoin(networks, eq(networks.id, networkDocuments.networkId))
    .where(
      and(
        eq(networkDocuments.state, 'signing'),
        visibleNetworks(actor),
        or(
          exists(
            db
              .select({ one: sql`1` })
              .from(networkMembers)
              .where(and(eq(networkMembers.networkId, networks.id), eq(networkMembers.state, 'active'), inArray(networkMembers.organizationId, headOf))),
          ),
          inArray(networks.managingOrganizationId, headOf),
          inArray(networkDocuments.accedingOrganizationId, headOf),
          arrayOverlaps(networkDocuments.partyOrganizationIds, headOf),
        ),
      ),
    )
    .orderBy(asc(networkDocuments.updatedAt));
  return rows
    .filter((row) => documentPolicy.read(actor, row, row.network))
    .flatMap((row) => {
      const signed = new Set(row.signedBy);
      const open = requiredSignersAmong(row, row.network, row.activeHeaded).filter((id) => !signed.has(id) && documentPolicy.signFor(actor, id));
      return open.length ? [{ id: row.id, title: row.title, object: row.network.name, due: null, link: `/networks/${row.network.id}/documents/${row.id}`, detail: { kind: row.kind } }] : [];
    });
}

/** The council's work of the person's seats: open votes their seat (or organisation) has not cast, meetings they are invited to, minutes they approve as chair. */
async function councilWork({ db, actor }: DeskScope): Promise<DeskPart> {
  const seats = await seatsOf(db, actor);
  if (!seats.length) return {};
  const networkIds = [...new Set(seats.map((s) => s.networkId))];
  const chaired = [...new Set(seats.filter((s) => councilPolicy.approveMinutes({ coordinator: false, seats: [s] })).map((s) => s.networkId))];
  const [open, upcoming, drafted] = await Promise.all([
    db
      .select({
        id: decisions.id,
        title: decisions.title,
        meetingId: meetings.id,
        meetingTitle: meetings.title,
        network: { id: networks.id, name: networks.name },
        votedBy: json<string[]>(sql`select json_agg(coalesce(${votes.organizationId}, ${votes.councilMemberId})) from ${votes} where ${votes.decisionId} = ${decisions.id}`),
        votedSeats: json<string[]>(sql`select json_agg(${votes.councilMemberId}) from ${votes} where ${votes.decisionId} = ${decisions.id}`),
        perSeat: sql<boolean>`coalesce(${decisions.rules}->>'voteUnit' = 'seat', false)`,
      })
      .from(decisions)
      .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
      .innerJoin(networks, eq(networks.id, meetings.networkId))
      .where(and(eq(decisions.state, 'voting'), inArray(meetings.networkId, networkIds), visibleNetworks(actor)))
      .orderBy(asc(decisions.openedAt)),
    db
      .selectDistinct({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, place: meetings.place, network: { id: networks.id, name: networks.name } })
      .from(meetingAttendance)
      .innerJoin(meetings, eq(meetings.id, meetingAttendance.meetingId))
      .innerJoin(networks, eq(networks.id, meetings.networkId))
      .where(and(inArray(meetingAttendance.councilMemberId, seats.map((s) => s.id)), eq(meetings.state, 'planned'), gte(meetings.startsAt, sql`now()`), visibleNetworks(actor)))
      .orderBy(asc(meetings.startsAt)),
    chaired.length
      ? db
          .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, network: { id: networks.id, name: networks.name } })
          .from(meetings)
          .innerJoin(networks, eq(networks.id, meetings.networkId))
          .where(and(eq(meetings.state, 'held'), sql`${meetings.minutesVersion} > 0`, inArray(meetings.networkId, chaired), visibleNetworks(actor)))
          .orderBy(asc(meetings.startsAt))
      : [],
  ]);
  const meetingLink = (networkId: string, meetingId: string) => `/networks/${networkId}/council/${meetingId}`;
  return {
    votes: open
      // A voting seat's vote is awaited until it (one vote per seat) or its organisation (one per organisation) has voted.
      .filter((d) => seats.some((s) => s.networkId === d.network.id && s.voting && !(d.perSeat ? (d.votedSeats ?? []) : (d.votedBy ?? [])).includes(d.perSeat ? s.id : (s.organizationId ?? s.id))))
      .map((d) => ({ id: d.id, title: d.title, object: d.network.name, due: null, link: meetingLink(d.network.id, d.meetingId), detail: { meeting: d.meetingTitle } })),
    meetings: upcoming.map((m) => ({ id: m.id, title: m.title, object: m.network.name, due: m.startsAt.toISOString(), link: meetingLink(m.network.id, m.id), detail: { place: m.place } })),
    minutes: drafted.map((m) => ({ id: m.id, title: m.title, object: m.network.name, due: null, link: meetingLink(m.network.id, m.id), detail: { heldAt: m.startsAt.toISOString() } })),
  };
}

const requester = alias(organizations, 'requester');
const provider = alias(organizations, 'provider');

/** Exchanges waiting for the answer of an organisation the person heads: requests for its resources, counter-proposals to its requests. */
async function exchanges({ db, actor }: DeskScope): Promise<DeskItem[]> {
  const headOf = headedOrganizations(actor);
  if (!headOf.length) return [];
  const rows = await db
    .select({
      id: resourceExchanges.id,
      state: resourceExchanges.state,
      awaiting: resourceExchanges.awaiting,
      startsOn: resourceExchanges.startsOn,
      resource: resourceOffers.title,
      requester: requester.shortName,
      provider: provider.shortName,
    })
    .from(resourceExchanges)
    .innerJoin(resourceOffers, eq(resourceOffers.id, resourceExchanges.offerId))
    .innerJoin(requester, eq(requester.id, resourceExchanges.requesterOrganizationId))
    .innerJoin(provider, eq(provider.id, resourceExchanges.providerOrganizationId))
    .where(
      and(
        inArray(resourceExchanges.state, ['requested', 'countered']),
        or(
          and(eq(resourceExchanges.awaiting, 'provider'), inArray(resourceExchanges.providerOrganizationId, headOf)),
          and(eq(resourceExchanges.awaiting, 'requester'), inArray(resourceExchanges.requesterOrganizationId, headOf)),
        ),
      ),
    )
    .orderBy(asc(resourceExchanges.updatedAt));
  return rows.map((row) => ({
    id: row.id,
    title: row.resource,
    object: row.awaiting === 'provider' ? row.requester : row.provider,
    due: row.startsOn,
    link: `/exchanges/${row.id}`,
    detail: { state: row.state, side: row.awaiting },
  }));
}

/** Invitations to organisations the person heads, and requests to join networks they coordinate. */
async function memberships({ db, actor }: DeskScope): Promise<DeskItem[]> {
  const headOf = headedOrganizations(actor);
  const rows = await db
    .select({ id: networkMembers.id, state: networkMembers.state, network: { id: networks.id, name: networks.name }, organization: organizations.shortName })
    .from(networkMembers)
    .innerJoin(networks, eq(networks.id, networkMembers.networkId))
    .innerJoin(organizations, eq(organizations.id, networkMembers.organizationId))
    .where(
      or(
        headOf.length ? and(eq(networkMembers.state, 'invited'), inArray(networkMembers.organizationId, headOf), visibleNetworks(actor)) : undefined,
        and(eq(networkMembers.state, 'requested'), managedNetworks(actor)),
      ),
    )
    .orderBy(asc(networkMembers.createdAt));
  return rows.map((row) =>
    row.state === 'invited'
      ? { id: row.id, title: row.network.name, object: row.organization, due: null, link: `/networks/${row.network.id}`, detail: { direction: 'invitation' } }
      : { id: row.id, title: row.organization, object: row.network.name, due: null, link: `/networks/${row.network.id}/members`, detail: { direction: 'request' } },
  );
}

/** Plan items an organisation the person heads is responsible for, overdue or due within PLAN_ITEM_NOTICE_DAYS. */
async function planItemsDue({ db, actor, today }: DeskScope): Promise<DeskItem[]> {
  const headOf = headedOrganizations(actor);
  if (!headOf.length) return [];
  const rows = await db
    .select({ item: planItems, planTitle: plans.title, network: { id: networks.id, name: networks.name } })
    .from(planItems)
    .innerJoin(plans, eq(plans.id, planItems.planId))
    .innerJoin(networks, eq(networks.id, plans.networkId))
    .where(
      and(arrayOverlaps(planItems.responsibleOrganizationIds, headOf), dueSoon(today), visibleNetworks(actor)),
    )
    .orderBy(asc(planItems.endsOn));
  return rows.map(({ item, planTitle, network }) => ({
    id: item.id,
    title: item.activity,
    object: `${network.name} · ${planTitle}`,
    due: item.endsOn,
    link: `/networks/${network.id}/plan/${item.planId}`,
    detail: { overdue: isOverdue(item, today), progress: item.progress },
  }));
}

/** Everything a head, a council member or a coordinator must do in the networks. */
export async function networkWork(scope: DeskScope): Promise<DeskPart> {
  const [signing, council, exchanging, members, items] = await Promise.all([signatures(scope), councilWork(scope), exchanges(scope), memberships(scope), planItemsDue(scope)]);
  return { signatures: signing, ...council, exchanges: exchanging, memberships: members, plan_items: items };
}
