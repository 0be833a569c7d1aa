import { setTimeout as sleep } from 'node:timers/promises';
import { type SQL, and, count, eq, inArray, isNull, notExists, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { insertCampaign } from '../campaigns/campaign.testkit';
import { campaignChoices, campaigns } from '../campaigns/schema';
import { childConsents, children } from '../families/schema';
import { programmes } from '../programmes/schema';
import { enrol, insertChild, insertGuardian, insertProgramme } from './enrolment.testkit';
import { enrolments, liveEnrolmentStates } from './schema';

/**
 * A family enrols a child (in one or two programmes, one of them full so the child waits in line) and ranks
 * campaign choices while, at the same moment, consent is withdrawn and/or the child is deleted — in random
 * order with random delays; and an organiser allocates a campaign while families withdraw and delete. Whatever
 * wins, afterwards no child without consent in force holds a place, a waitlist place or an open campaign's
 * choice, no row outlives its child, every seat count matches its enrolments, and every answer is one a person
 * can act on (never a 5xx). Runs on both engines (TEST_DATABASE_URL selects PostgreSQL, where the requests really
 * overlap on separate connections); CONSENT_RACE_ROUNDS and ALLOCATION_RACE_ROUNDS set the number of rounds.
 */
const ROUNDS = Number(process.env.CONSENT_RACE_ROUNDS ?? 1000);
const ALLOCATION_ROUNDS = Number(process.env.ALLOCATION_RACE_ROUNDS ?? 100);
const ROUNDS_AT_ONCE = 8;

type Step = 'enrolOpen' | 'enrolFull' | 'choose' | 'withdraw' | 'delete';
interface Answer {
  step: string;
  status: number;
  body: string;
}
const ending: Step[] = ['withdraw', 'delete'];

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];
const shuffled = <T>(items: readonly T[]) => [...items].sort(() => Math.random() - 0.5);

describe('consent, withdrawal, deletion and enrolment of one child at once', () => {
  let t: TestApp;
  let guardian: { userId: string; session: Session };
  let open: { id: string };
  let full: { id: string };
  let campaign: { id: string; programmeIds: string[] };
  /**
   * How long an enrolment and an allocation take here and now (ms), followed as the race runs (a moving
   * average), since the machine's load changes it. Withdrawing and deleting wait a random time up to 1.5
   * times that of the step they race; enrolling, ranking and allocating up to a quarter of it: they do more
   * work before their transaction, and without the head start would nearly always lose, leaving few overlaps.
   */
  const took = { enrolment: 0, allocation: 0 };
  const timed = async (kind: keyof typeof took, run: () => Promise<LightMyRequestResponse>) => {
    const started = performance.now();
    const response = await run();
    took[kind] = took[kind] ? 0.9 * took[kind] + 0.1 * (performance.now() - started) : performance.now() - started;
    return response;
  };
  let organiser: Session;
  const allocationProgrammeIds: string[] = [];

  beforeAll(async () => {
    t = await openTestApp();
    guardian = await insertGuardian(t);
    open = await insertProgramme(t, t.fixtures.ownOrganizationId, { capacity: 100_000 });
    // One seat: most children who ask wait in line, and each withdrawal of the seated one promotes the next.
    full = await insertProgramme(t, t.fixtures.ownOrganizationId, { capacity: 1 });
    const inserted = await insertCampaign(t, t.fixtures.ownOrganizationId, { state: 'open', programmeCount: 2 });
    campaign = { id: inserted.campaign.id, programmeIds: inserted.programmes.map((p) => p.id) };
    organiser = await t.signIn('orgAdmin');
  });
  afterAll(() => t.close());

  function perform(step: Step, childId: string): Promise<LightMyRequestResponse> {
    const session = guardian.session;
    switch (step) {
      case 'enrolOpen':
        return timed('enrolment', () => enrol(t, session, open.id, { childId }));
      case 'enrolFull':
        return enrol(t, session, full.id, { childId, waitlist: true });
      case 'choose':
        return t.call('PUT', `/api/campaigns/${campaign.id}/choices/${childId}`, { session, body: { programmeIds: shuffled(campaign.programmeIds) } });
      case 'withdraw':
        return t.call('POST', `/api/children/${childId}/consent/withdraw`, { session });
      case 'delete':
        return t.call('DELETE', `/api/children/${childId}`, { session });
    }
  }

  /** One round: a fresh child with consent, its steps started together, each after a random delay. */
  async function round(): Promise<Answer[]> {
    const child = await insertChild(t, guardian.userId);
    const steps: Step[] = ['enrolOpen'];
    if (Math.random() < 0.5) steps.push('enrolFull');
    if (Math.random() < 0.3) steps.push('choose');
    steps.push(...pick<Step[]>([['withdraw'], ['delete'], ['withdraw', 'delete']]));
    return Promise.all(
      shuffled(steps).map(async (step) => {
        await sleep(Math.random() * took.enrolment * (ending.includes(step) ? 1.5 : 0.25));
        const response = await perform(step, child.id);
        return { step, status: response.statusCode, body: response.body };
      }),
    );
  }

  const consentInForce = (childId: AnyPgColumn) =>
    t.handle.db.select({ id: childConsents.id }).from(childConsents).where(and(eq(childConsents.childId, childId), isNull(childConsents.withdrawnAt)));
  const childExists = (childId: AnyPgColumn) => t.handle.db.select({ id: children.id }).from(children).where(eq(children.id, childId));

  /**
   * Only answers a family or an organiser can act on: done, the child is gone (404), or no consent (409
   * `consent_required`). A database error answered as a generic 409 (a foreign key, a deadlock) is a failure too.
   */
  const expectedAnswer = (answer: Answer) =>
    [200, 201, 204, 404].includes(answer.status) || (answer.status === 409 && JSON.parse(answer.body).code === 'consent_required');

  /** What broke the rules in these programmes, counted per child (each figure a number of rounds), and the programmes whose seat count is off. */
  async function brokenRules(programmeIds: string[]) {
    const db = t.handle.db;
    const childrenWhere = async (table: typeof enrolments | typeof campaignChoices, where: SQL | undefined) =>
      (await db.select({ n: sql<number>`count(distinct ${table.childId})::int` }).from(table).where(where))[0].n;
    const openCampaigns = db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.state, 'open'));
    const seatsOff: string[] = [];
    for (const programmeId of programmeIds) {
      const [{ seatsTaken }] = await db.select({ seatsTaken: programmes.seatsTaken }).from(programmes).where(eq(programmes.id, programmeId));
      const [{ n: enrolled }] = await db.select({ n: count() }).from(enrolments).where(and(eq(enrolments.programmeId, programmeId), eq(enrolments.state, 'enrolled')));
      if (seatsTaken !== enrolled) seatsOff.push(`${programmeId}: ${seatsTaken} seats taken, ${enrolled} enrolled`);
    }
    const places = inArray(enrolments.programmeId, programmeIds);
    const choices = inArray(campaignChoices.programmeId, programmeIds);
    return {
      placesWithoutConsent: await childrenWhere(enrolments, and(places, inArray(enrolments.state, [...liveEnrolmentStates]), notExists(consentInForce(enrolments.childId)))),
      choicesWithoutConsent: await childrenWhere(campaignChoices, and(choices, inArray(campaignChoices.campaignId, openCampaigns), notExists(consentInForce(campaignChoices.childId)))),
      orphanPlaces: await childrenWhere(enrolments, and(places, notExists(childExists(enrolments.childId)))),
      orphanChoices: await childrenWhere(campaignChoices, and(choices, notExists(childExists(campaignChoices.childId)))),
      seatsOff,
    };
  }

  /** Prints the figures (rounds, violations, answers by step) and fails on any violation or 5xx. */
  async function judge(race: string, rounds: number, answers: Answer[], programmeIds: string[], started: number) {
    const broken = await brokenRules(programmeIds);
    const serverErrors = answers.filter((a) => a.status >= 500);
    const unexpected = answers.filter((a) => !expectedAnswer(a));
    const byStep: Record<string, Record<number, number>> = {};
    for (const a of answers) byStep[a.step] = { ...byStep[a.step], [a.status]: (byStep[a.step]?.[a.status] ?? 0) + 1 };
    console.log(
      `${race} on ${t.handle.engine}: ${rounds} rounds (${ROUNDS_AT_ONCE} at once, an enrolment ${took.enrolment.toFixed(0)} ms, an allocation ${took.allocation.toFixed(0)} ms) in ${((Date.now() - started) / 1000).toFixed(1)} s — ` +
        `rounds with a place without consent: ${broken.placesWithoutConsent}, with a choice without consent: ${broken.choicesWithoutConsent}, ` +
        `orphan places: ${broken.orphanPlaces}, orphan choices: ${broken.orphanChoices}, seat counts off: ${broken.seatsOff.length}, 5xx: ${serverErrors.length}, other unexpected answers: ${unexpected.length - serverErrors.length}; ` +
        `answers ${JSON.stringify(byStep)}`,
    );
    expect(broken).toEqual({ placesWithoutConsent: 0, choicesWithoutConsent: 0, orphanPlaces: 0, orphanChoices: 0, seatsOff: [] });
    expect(unexpected.slice(0, 3)).toEqual([]);
  }

  async function race(rounds: number, round: () => Promise<Answer[]>): Promise<Answer[]> {
    const answers: Answer[] = [];
    for (let done = 0; done < rounds; done += ROUNDS_AT_ONCE) {
      const batch = await Promise.all(Array.from({ length: Math.min(ROUNDS_AT_ONCE, rounds - done) }, round));
      answers.push(...batch.flat());
    }
    return answers;
  }

  it(`${ROUNDS} rounds of enrolling and ranking against withdrawing and deleting: nobody without consent keeps a place, a waitlist place or a choice; no 5xx`, async () => {
    const started = Date.now();
    const answers = await race(ROUNDS, round);
    await judge('consent race', ROUNDS, answers, [open.id, full.id, ...campaign.programmeIds], started);
  }, 600_000);

  /**
   * One round of allocation: a campaign whose window has closed, four children with consent who ranked its
   * programmes, and the organiser allocating while two of the families withdraw consent and/or delete the child.
   */
  async function allocationRound(): Promise<Answer[]> {
    const { campaign: allocated, programmes: offered } = await insertCampaign(t, t.fixtures.ownOrganizationId, { state: 'open', programmeCount: 2 });
    const applicants = [];
    for (let i = 0; i < 4; i++) {
      const child = await insertChild(t, guardian.userId);
      await t.handle.db
        .insert(campaignChoices)
        .values(shuffled(offered).map((programme, rank) => ({ campaignId: allocated.id, childId: child.id, programmeId: programme.id, rank: rank + 1, submittedBy: guardian.userId })));
      applicants.push(child.id);
    }
    allocationProgrammeIds.push(...offered.map((p) => p.id));
    const steps: { step: string; run: () => Promise<LightMyRequestResponse>; delay: number }[] = [
      { step: 'allocate', run: () => timed('allocation', () => t.call('POST', `/api/campaigns/${allocated.id}/allocate`, { session: organiser, body: { closeNow: true } })), delay: took.allocation / 4 },
    ];
    for (const childId of shuffled(applicants).slice(0, 2)) {
      for (const step of pick<Step[]>([['withdraw'], ['delete'], ['withdraw', 'delete']])) steps.push({ step, run: () => perform(step, childId), delay: took.allocation * 1.5 });
    }
    return Promise.all(
      steps.map(async ({ step, run, delay }) => {
        await sleep(Math.random() * delay);
        const response = await run();
        return { step, status: response.statusCode, body: response.body };
      }),
    );
  }

  it(`${ALLOCATION_ROUNDS} rounds of allocating a campaign against withdrawing and deleting: nobody without consent is given a place; no 5xx`, async () => {
    const started = Date.now();
    const answers = await race(ALLOCATION_ROUNDS, allocationRound);
    await judge('allocation race', ALLOCATION_ROUNDS, answers, allocationProgrammeIds, started);
  }, 600_000);
});
