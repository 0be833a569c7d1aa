import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { findClashes } from '../../algorithms/timetable';
import { campaignChoices, campaignResults, campaigns } from '../campaigns/schema';
import { enrolments } from '../enrolments/schema';
import { children } from '../families/schema';
import { slotsOfProgrammes } from '../learning/get-learning-path';
import { organizations } from '../organizations/schema';
import { programmes } from '../programmes/schema';
import type { DeskItem, DeskPart, DeskScope } from './desk-item';

/** Campaign results stay on the desk this long after publication. */
const RESULTS_SHOWN_DAYS = 30;

const assigned = alias(programmes, 'assigned');

/**
 * A guardian's side of the desk, for their own children only (guardsChild: the child's guardian is the
 * person): clashes between the programmes a child attends, waitlist places, open campaigns until their
 * deadline, and campaign results published lately.
 */
export async function familyWork({ db, actor }: DeskScope): Promise<DeskPart> {
  const mine = eq(children.guardianUserId, actor.userId);
  const [places, openCampaigns, results] = await Promise.all([
    db
      .select({
        id: enrolments.id,
        state: enrolments.state,
        child: { id: children.id, fullName: children.fullName },
        programme: { id: programmes.id, title: programmes.title, startsOn: programmes.startsOn, endsOn: programmes.endsOn },
        position: sql<number>`(select count(*)::int from ${enrolments} ahead where ahead.programme_id = ${enrolments.programmeId} and ahead.state = 'waitlisted' and ahead.queue_no <= ${enrolments.queueNo})`,
      })
      .from(enrolments)
      .innerJoin(children, eq(children.id, enrolments.childId))
      .innerJoin(programmes, eq(programmes.id, enrolments.programmeId))
      .where(and(mine, inArray(enrolments.state, ['enrolled', 'waitlisted'])))
      .orderBy(asc(children.fullName), asc(programmes.startsOn), asc(programmes.title)),
    db
      .select({
        id: campaigns.id,
        title: campaigns.title,
        closesAt: campaigns.closesAt,
        organizer: organizations.shortName,
        saved: sql<boolean>`exists (select 1 from ${campaignChoices} join ${children} on ${children.id} = ${campaignChoices.childId} where ${campaignChoices.campaignId} = ${campaigns.id} and ${mine})`,
      })
      .from(campaigns)
      .innerJoin(organizations, eq(organizations.id, campaigns.organizerOrganizationId))
      // Families have a stake in campaigns only once they have a child registered.
      .where(and(eq(campaigns.state, 'open'), gt(campaigns.closesAt, sql`now()`), sql`exists (select 1 from ${children} where ${mine})`))
      .orderBy(asc(campaigns.closesAt)),
    db
      .select({
        campaign: { id: campaigns.id, title: campaigns.title, allocatedAt: campaigns.allocatedAt },
        child: { id: children.id, fullName: children.fullName },
        programme: assigned.title,
        choiceRank: campaignResults.choiceRank,
      })
      .from(campaignResults)
      .innerJoin(campaigns, eq(campaigns.id, campaignResults.campaignId))
      .innerJoin(children, eq(children.id, campaignResults.childId))
      .leftJoin(assigned, eq(assigned.id, campaignResults.programmeId))
      .where(and(mine, eq(campaigns.state, 'allocated'), gt(campaigns.allocatedAt, sql`now() - make_interval(days => ${RESULTS_SHOWN_DAYS})`)))
      .orderBy(asc(campaigns.allocatedAt)),
  ]);

  const attending = places.filter((p) => p.state === 'enrolled');
  const slots = await slotsOfProgrammes(db, [...new Set(attending.map((p) => p.programme.id))]);
  const clashes: DeskItem[] = [];
  for (const childId of new Set(attending.map((p) => p.child.id))) {
    const own = attending.filter((p) => p.child.id === childId);
    const byId = new Map(own.map((p) => [p.id, p]));
    const seen = new Set<string>();
    for (const clash of findClashes(own.map((p) => ({ id: p.id, startsOn: p.programme.startsOn, endsOn: p.programme.endsOn, slots: slots.get(p.programme.id) ?? [] })))) {
      // One item per pair of programmes: the child page lists every weekday they clash on.
      const key = `${clash.first}:${clash.second}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const [first, second] = [byId.get(clash.first)!, byId.get(clash.second)!];
      clashes.push({
        id: key,
        title: `${first.programme.title} — ${second.programme.title}`,
        object: first.child.fullName,
        due: null,
        link: `/children/${childId}`,
        detail: { first: first.programme.title, second: second.programme.title, weekday: clash.weekday, startMinute: clash.startMinute, endMinute: clash.endMinute },
      });
    }
  }

  return {
    clashes,
    waitlist: places
      .filter((p) => p.state === 'waitlisted')
      .map((p) => ({ id: p.id, title: p.programme.title, object: p.child.fullName, due: p.programme.startsOn, link: `/children/${p.child.id}`, detail: { position: p.position } })),
    campaigns: openCampaigns.map((c) => ({ id: c.id, title: c.title, object: c.organizer, due: c.closesAt.toISOString(), link: `/campaigns/${c.id}`, detail: { saved: c.saved } })),
    campaign_results: results.map((r) => ({
      id: `${r.campaign.id}:${r.child.id}`,
      title: r.campaign.title,
      object: r.child.fullName,
      due: null,
      link: `/campaigns/${r.campaign.id}`,
      detail: { programme: r.programme ?? null, choiceRank: r.choiceRank },
    })),
  };
}
