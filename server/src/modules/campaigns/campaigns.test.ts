import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { assignmentById, compileInstance, runAllocation, verifyAllocation } from '../../algorithms/allocation';
import { auditEntries } from '../../platform/audit/schema';
import { insertChild, insertGuardian, insertProgramme } from '../enrolments/enrolment.testkit';
import { enrolments } from '../enrolments/schema';
import { children } from '../families/schema';
import { notifications } from '../notifications/schema';
import { programmes } from '../programmes/schema';
import { insertCampaign } from './campaign.testkit';
import { lotteryNumber } from './lottery';
import { campaignChoices, campaignResults, campaigns } from './schema';

interface Campaign {
  id: string;
  state: string;
  version: number;
  lotterySeedHash: string | null;
  lotterySeed: string | null;
  acceptingChoices: boolean;
  canManage: boolean;
  programmes: { id: string; seats: number; choices?: { total: number; first: number } }[];
  applicants: number | null;
  stats: { applicants: number; assigned: number; unassigned: number; firstChoiceShare: number; topChoiceShares: number[]; programmes: { programmeId: string; assigned: number; fillRate: number }[] } | null;
  children: { id: string; choices: string[]; result: { why: string[] } | null }[];
}

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('preference campaigns', () => {
  let t: TestApp;
  let organiser: Session;
  let teacher: Session;
  const hour = 3600_000;

  const call = (method: string, url: string, session: Session | null, body?: unknown) => t.call(method, url, { session, body });
  const campaignOf = async (id: string, session: Session = organiser) => (await call('GET', `/api/campaigns/${id}`, session)).json() as Campaign;
  const choose = (campaignId: string, childId: string, session: Session, programmeIds: string[]) => call('PUT', `/api/campaigns/${campaignId}/choices/${childId}`, session, { programmeIds });

  beforeAll(async () => {
    t = await openTestApp();
    organiser = await t.signIn('orgAdmin');
    teacher = await t.signIn('teacher');
  });
  afterAll(() => t.close());

  it('runs from draft to allocation: a published lottery, rankings, a stable allocation into enrolments with reasons and statistics', async () => {
    const own = t.fixtures.ownOrganizationId;
    const offered = [
      await insertProgramme(t, own, { title: 'Робототехника', enrolmentMode: 'campaign', capacity: 12 }),
      await insertProgramme(t, own, { title: 'Проектная деятельность', enrolmentMode: 'campaign', capacity: 12 }),
      await insertProgramme(t, own, { title: 'Юный химик', enrolmentMode: 'campaign', capacity: 12 }),
    ];
    const created = await call('POST', '/api/campaigns', organiser, {
      organizerOrganizationId: own,
      title: 'Выбор курсов на весну',
      description: 'Три курса школы, сначала свои ученики',
      opensAt: new Date().toISOString(),
      closesAt: new Date(Date.now() + 24 * hour).toISOString(),
      maxChoices: 2,
      priorityRule: 'own_students',
    });
    expect(created.statusCode, created.body).toBe(201);
    let campaign = created.json() as Campaign;
    expect(campaign).toMatchObject({ state: 'draft', lotterySeedHash: null, canManage: true, programmes: [] });

    const seats = [3, 2, 4];
    for (const [i, programme] of offered.entries()) {
      const added = await call('POST', `/api/campaigns/${campaign.id}/programmes`, organiser, { programmeId: programme.id, seats: seats[i] });
      expect(added.statusCode, added.body).toBe(201);
    }
    // More seats than the programme has free: refused, nothing added.
    const greedy = await insertProgramme(t, own, { enrolmentMode: 'campaign', capacity: 5, seatsTaken: 4 });
    const tooMany = await call('POST', `/api/campaigns/${campaign.id}/programmes`, organiser, { programmeId: greedy.id, seats: 2 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].message).toBe(`В «${greedy.title}» свободно мест: 1`);
    const openMode = await insertProgramme(t, own, { enrolmentMode: 'open' });
    expect((await call('POST', `/api/campaigns/${campaign.id}/programmes`, organiser, { programmeId: openMode.id, seats: 1 })).statusCode).toBe(400);
    expect((await campaignOf(campaign.id)).programmes).toHaveLength(3);

    // A draft is the organiser's: a family does not see it.
    const family = await insertGuardian(t);
    expect((await call('GET', `/api/campaigns/${campaign.id}`, family.session)).statusCode).toBe(404);

    const opened = await call('POST', `/api/campaigns/${campaign.id}/open`, organiser, { version: campaign.version });
    expect(opened.statusCode, opened.body).toBe(200);
    campaign = opened.json() as Campaign;
    expect(campaign.state).toBe('open');
    expect(campaign.lotterySeedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(campaign.lotterySeed).toBeNull();
    expect((await call('POST', `/api/campaigns/${campaign.id}/programmes`, organiser, { programmeId: greedy.id, seats: 1 })).statusCode).toBe(409);

    // Thirty families; a third of the children are confirmed students of the organising school.
    const next = random(20260315);
    const families: { session: Session; childId: string; choices: string[] }[] = [];
    for (let i = 0; i < 30; i++) {
      const guardian = await insertGuardian(t);
      const confirmed = i % 3 === 0;
      const child = await insertChild(t, guardian.userId, { values: confirmed ? { homeSchoolId: own, homeSchoolConfirmedAt: new Date() } : {} });
      const first = offered[Math.floor(next() * 3)].id;
      const rest = offered.map((p) => p.id).filter((id) => id !== first);
      const choices = next() < 0.7 ? [first, rest[Math.floor(next() * 2)]] : [first];
      const saved = await choose(campaign.id, child.id, guardian.session, choices);
      expect(saved.statusCode, saved.body).toBe(200);
      families.push({ session: guardian.session, childId: child.id, choices });
    }
    // A ranking is replaced as a whole.
    const changing = families[1];
    expect((await choose(campaign.id, changing.childId, changing.session, [...changing.choices].reverse())).statusCode).toBe(200);
    changing.choices = [...changing.choices].reverse();
    expect((await call('GET', `/api/campaigns/${campaign.id}/choices/${changing.childId}`, changing.session)).json().programmeIds).toEqual(changing.choices);
    expect((await campaignOf(campaign.id)).applicants).toBe(30);

    // Before the window has closed the organiser must say they close it now.
    const early = await call('POST', `/api/campaigns/${campaign.id}/allocate`, organiser, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('window_open');

    const allocated = await call('POST', `/api/campaigns/${campaign.id}/allocate`, organiser, { closeNow: true });
    expect(allocated.statusCode, allocated.body).toBe(200);
    campaign = allocated.json() as Campaign;
    expect(campaign.state).toBe('allocated');
    // The revealed seed is the one whose hash was published when the window opened.
    expect(createHash('sha256').update(Buffer.from(campaign.lotterySeed!, 'hex')).digest('hex')).toBe(campaign.lotterySeedHash);

    // Recomputed by anyone from the revealed seed: the lottery, the priority lists, the allocation.
    const lottery = new Map(families.map((f) => [f.childId, lotteryNumber(campaign.lotterySeed!, f.childId)]));
    const confirmedIds = new Set(families.filter((_, i) => i % 3 === 0).map((f) => f.childId));
    const instance = compileInstance({
      programmes: offered.map((p, i) => ({
        id: p.id,
        capacity: seats[i],
        priority: families
          .filter((f) => confirmedIds.has(f.childId) && f.choices.includes(p.id))
          .map((f) => f.childId)
          .sort((a, b) => lottery.get(a)! - lottery.get(b)!),
      })),
      students: families.map((f) => ({ id: f.childId, lottery: lottery.get(f.childId)!, choices: f.choices })),
    });
    const expected = runAllocation(instance);
    const stored = await t.handle.db.select().from(campaignResults).where(eq(campaignResults.campaignId, campaign.id));
    expect(stored).toHaveLength(30);
    const got = Object.fromEntries(stored.map((r) => [r.childId, r.programmeId]));
    expect(got).toEqual(assignmentById(instance, expected.allocation));
    for (const row of stored) expect(row.lottery).toBe(lottery.get(row.childId));
    // The stored assignment is stable and within the seats.
    const programmeOf = Int32Array.from(instance.studentIds.map((id) => (got[id] === null ? -1 : instance.programmeIds.indexOf(got[id]!))));
    expect(verifyAllocation(instance, { programmeOf })).toEqual([]);
    // Nine seats for thirty children: every seat is given.
    expect(stored.filter((r) => r.programmeId !== null)).toHaveLength(9);

    // Each assigned child holds an enrolment from the campaign and a seat of the programme.
    const given = await t.handle.db.select().from(enrolments).where(eq(enrolments.campaignId, campaign.id));
    expect(given).toHaveLength(9);
    expect(given.every((e) => e.state === 'enrolled' && e.source === 'campaign')).toBe(true);
    for (const [i, programme] of offered.entries()) {
      const [row] = await t.handle.db.select().from(programmes).where(eq(programmes.id, programme.id));
      expect(row.seatsTaken).toBe(seats[i]);
    }

    // Every family is told; the organiser sees the figures.
    for (const f of families) {
      const [child] = await t.handle.db.select().from(children).where(eq(children.id, f.childId));
      const told = await t.handle.db.select().from(notifications).where(and(eq(notifications.userId, child.guardianUserId), eq(notifications.kind, 'campaign_result')));
      expect(told).toHaveLength(1);
      expect(told[0].link).toBe(`/campaigns/${campaign.id}`);
    }
    expect(campaign.stats).toMatchObject({ applicants: 30, assigned: 9, unassigned: 21 });
    expect(campaign.stats!.firstChoiceShare).toBeCloseTo(expected.stats.firstChoiceShare);
    expect(campaign.stats!.topChoiceShares).toHaveLength(2);
    expect(campaign.stats!.programmes.every((p) => p.fillRate === 1)).toBe(true);

    // A family sees its child's result and why; the statistics are the organiser's.
    const unassigned = stored.find((r) => r.programmeId === null)!;
    const owner = families.find((f) => f.childId === unassigned.childId)!;
    const result = await call('GET', `/api/campaigns/${campaign.id}/results/${owner.childId}`, owner.session);
    expect(result.statusCode, result.body).toBe(200);
    const why = result.json().result.why as string[];
    expect(why[0]).toBe('Места не нашлось ни в одной из выбранных программ.');
    expect(why).toHaveLength(1 + owner.choices.length);
    expect(why[1]).toMatch(/^В «.+» \(1-й выбор\) не хватило места: все места \(\d\) заняли ученики/);
    const asFamily = await campaignOf(campaign.id, owner.session);
    expect(asFamily.stats).toBeNull();
    expect(asFamily.canManage).toBe(false);
    expect(asFamily.children.map((c) => c.id)).toEqual([owner.childId]);
    expect(asFamily.children[0].result!.why).toEqual(why);
    // Another family does not learn about this child; the school of a confirmed child does.
    expect((await call('GET', `/api/campaigns/${campaign.id}/results/${owner.childId}`, families[owner === families[0] ? 1 : 0].session)).statusCode).toBe(404);
    const confirmedChild = families[0].childId;
    expect((await call('GET', `/api/campaigns/${campaign.id}/results/${confirmedChild}`, teacher)).statusCode).toBe(200);

    // After allocation rankings are closed.
    const late = await choose(campaign.id, owner.childId, owner.session, []);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('window_closed');
  });

  it('allocates once when the organiser presses twice at once', async () => {
    const { campaign, programmes: offered } = await insertCampaign(t, t.fixtures.ownOrganizationId, { state: 'open', programmeCount: 2 });
    for (let i = 0; i < 5; i++) {
      const guardian = await insertGuardian(t);
      const child = await insertChild(t, guardian.userId);
      expect((await choose(campaign.id, child.id, guardian.session, [offered[i % 2].id])).statusCode).toBe(200);
    }
    const answers = await Promise.all([1, 2].map(() => call('POST', `/api/campaigns/${campaign.id}/allocate`, organiser, { closeNow: true })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json().code).toBe('campaign_allocated');
    expect(await t.handle.db.select().from(campaignResults).where(eq(campaignResults.campaignId, campaign.id))).toHaveLength(5);
    expect(await t.handle.db.select().from(enrolments).where(eq(enrolments.campaignId, campaign.id))).toHaveLength(4);
    const audits = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, campaign.id), eq(auditEntries.action, 'campaign.allocated')));
    expect(audits).toHaveLength(1);
  });

  it('seats a child who was already waiting in line for the allocated programme on that same row', async () => {
    const { campaign, programmes: offered } = await insertCampaign(t, t.fixtures.ownOrganizationId, { state: 'open', programmeCount: 1 });
    const guardian = await insertGuardian(t);
    const child = await insertChild(t, guardian.userId);
    // Waiting since the programme was open, before it went into the campaign.
    const [waiting] = await t.handle.db.insert(enrolments).values({ childId: child.id, programmeId: offered[0].id, state: 'waitlisted' }).returning();
    expect((await choose(campaign.id, child.id, guardian.session, [offered[0].id])).statusCode).toBe(200);
    const [before] = await t.handle.db.select().from(programmes).where(eq(programmes.id, offered[0].id));
    expect((await call('POST', `/api/campaigns/${campaign.id}/allocate`, organiser, { closeNow: true })).statusCode).toBe(200);

    const rows = await t.handle.db.select().from(enrolments).where(and(eq(enrolments.childId, child.id), eq(enrolments.programmeId, offered[0].id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: waiting.id, state: 'enrolled', source: 'campaign', campaignId: campaign.id });
    const [after] = await t.handle.db.select().from(programmes).where(eq(programmes.id, offered[0].id));
    expect(after.seatsTaken).toBe(before.seatsTaken + 1);
  });

  it('takes rankings only inside the window, within the limit, of the campaign’s programmes, with consent — and changes nothing otherwise', async () => {
    const { campaign, programmes: offered } = await insertCampaign(t, t.fixtures.ownOrganizationId, { state: 'open', programmeCount: 3, values: { maxChoices: 2 } });
    const guardian = await insertGuardian(t);
    const child = await insertChild(t, guardian.userId);
    const ids = offered.map((p) => p.id);
    expect((await choose(campaign.id, child.id, guardian.session, [ids[0]])).statusCode).toBe(200);
    const saved = async () =>
      (await t.handle.db.select().from(campaignChoices).where(and(eq(campaignChoices.campaignId, campaign.id), eq(campaignChoices.childId, child.id)))).map((c) => c.programmeId);

    const tooMany = await choose(campaign.id, child.id, guardian.session, ids);
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json()).toMatchObject({ code: 'too_many_choices', detail: 'В этой кампании можно выбрать не больше 2 программ, а выбрано 3.' });
    const twice = await choose(campaign.id, child.id, guardian.session, [ids[1], ids[1]]);
    expect(twice.statusCode).toBe(422);
    expect(twice.json().code).toBe('duplicate_choice');
    const elsewhere = await insertProgramme(t, t.fixtures.ownOrganizationId, { enrolmentMode: 'campaign' });
    expect((await choose(campaign.id, child.id, guardian.session, [elsewhere.id])).json().code).toBe('not_in_campaign');
    const senior = await insertChild(t, guardian.userId, { values: { grade: 11 } });
    const unsuitable = await choose(campaign.id, senior.id, guardian.session, [ids[0]]);
    expect(unsuitable.statusCode).toBe(422);
    expect(unsuitable.json().detail).toContain('для 5–9 классов');
    const unconsented = await insertChild(t, guardian.userId, { consent: false });
    const noConsent = await choose(campaign.id, unconsented.id, guardian.session, [ids[0]]);
    expect(noConsent.statusCode).toBe(409);
    expect(noConsent.json().code).toBe('consent_required');
    const invalid = await call('PUT', `/api/campaigns/${campaign.id}/choices/${child.id}`, guardian.session, { programmeIds: 'робототехника' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['content-type']).toContain('application/problem+json');

    await t.handle.db.update(campaigns).set({ closesAt: new Date(Date.now() - 1000) }).where(eq(campaigns.id, campaign.id));
    const closed = await choose(campaign.id, child.id, guardian.session, [ids[1]]);
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('window_closed');
    await t.handle.db.update(campaigns).set({ opensAt: new Date(Date.now() + hour), closesAt: new Date(Date.now() + 2 * hour) }).where(eq(campaigns.id, campaign.id));
    const notYet = await choose(campaign.id, child.id, guardian.session, [ids[1]]);
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().code).toBe('window_not_open');
    expect(await saved()).toEqual([ids[0]]);
  });

  it('checks the organiser’s input: the window’s order, the rule, opening without programmes; only drafts change', async () => {
    const own = t.fixtures.ownOrganizationId;
    const backwards = await call('POST', '/api/campaigns', organiser, {
      organizerOrganizationId: own,
      title: 'Наоборот',
      opensAt: new Date(Date.now() + 2 * hour).toISOString(),
      closesAt: new Date(Date.now() + hour).toISOString(),
      maxChoices: 11,
    });
    expect(backwards.statusCode).toBe(400);
    const fields = (backwards.json().errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['closesAt', 'maxChoices']);
    const networkRule = await call('POST', '/api/campaigns', organiser, {
      organizerOrganizationId: own,
      title: 'Без сети',
      opensAt: new Date().toISOString(),
      closesAt: new Date(Date.now() + hour).toISOString(),
      priorityRule: 'network_students',
    });
    expect(networkRule.statusCode).toBe(400);
    // A window opening before today is a campaign in the past: refused on creating and on editing a draft.
    const yesterday = await call('POST', '/api/campaigns', organiser, {
      organizerOrganizationId: own,
      title: 'Вчерашняя',
      opensAt: new Date(Date.now() - 2 * 24 * hour).toISOString(),
      closesAt: new Date(Date.now() + hour).toISOString(),
    });
    expect(yesterday.statusCode).toBe(400);
    expect(yesterday.json().errors).toEqual([{ field: 'opensAt', message: 'Дата уже прошла — укажите сегодняшнюю или более позднюю' }]);

    const { campaign } = await insertCampaign(t, own, { programmeCount: 0 });
    const empty = await call('POST', `/api/campaigns/${campaign.id}/open`, organiser, { version: campaign.version });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().code).toBe('no_programmes');
    const stale = await call('PATCH', `/api/campaigns/${campaign.id}`, organiser, { version: campaign.version + 5, title: 'Новое название' });
    expect(stale.statusCode).toBe(409);
    const renamed = await call('PATCH', `/api/campaigns/${campaign.id}`, organiser, { version: campaign.version, title: 'Новое название' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ title: 'Новое название', version: campaign.version + 1 });
    const backdated = await call('PATCH', `/api/campaigns/${campaign.id}`, organiser, { version: campaign.version + 1, opensAt: new Date(Date.now() - 2 * 24 * hour).toISOString() });
    expect(backdated.statusCode).toBe(400);
    expect(backdated.json().errors[0].field).toBe('opensAt');

    const { campaign: running } = await insertCampaign(t, own, { state: 'open' });
    const locked = await call('PATCH', `/api/campaigns/${running.id}`, organiser, { version: running.version, maxChoices: 1 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().code).toBe('campaign_open');
    const cancelled = await call('POST', `/api/campaigns/${running.id}/cancel`, organiser, { version: running.version });
    expect(cancelled.json().state).toBe('cancelled');

    // A family sees open and allocated campaigns only.
    const family = await insertGuardian(t);
    const listed = (await call('GET', '/api/campaigns', family.session)).json().items as { id: string; state: string }[];
    expect(listed.every((c) => c.state === 'open' || c.state === 'allocated')).toBe(true);
    const organisersList = (await call('GET', '/api/campaigns', organiser)).json().items as { id: string }[];
    expect(organisersList.map((c) => c.id)).toContain(campaign.id);
  });
});
