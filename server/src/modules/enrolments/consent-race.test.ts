import { setTimeout as sleep } from 'node:timers/promises';
import { and, count, eq, inArray, isNull, notExists, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { insertCampaign } from '../campaigns/campaign.testkit';
import { campaignChoices } from '../campaigns/schema';
import { childConsents, children } from '../families/schema';
import { programmes } from '../programmes/schema';
import { enrol, insertChild, insertGuardian, insertProgramme } from './enrolment.testkit';
import { enrolments, liveEnrolmentStates } from './schema';

/**
 * A family enrols a child (in one or two programmes, one of them full so the child waits in line) and ranks
 * campaign choices while, at the same moment, consent is withdrawn and/or the child is deleted — in random
 * order with random small delays. Whatever wins, afterwards no child without consent in force holds a place,
 * a waitlist place or a choice, no row outlives its child, every seat count matches its enrolments, and no
 * answer is a 5xx. Runs on both engines (TEST_DATABASE_URL selects PostgreSQL, where the requests really
 * overlap on separate connections; several rounds run at once); CONSENT_RACE_ROUNDS sets the number of rounds.
 */
const ROUNDS = Number(process.env.CONSENT_RACE_ROUNDS ?? 1000);
const ROUNDS_AT_ONCE = 4;

type Step = 'enrolOpen' | 'enrolFull' | 'choose' | 'withdraw' | 'delete';
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
   * How long one enrolment takes on this engine and machine (ms). Withdrawing and deleting wait a random
   * time up to 1.5 times it, enrolling and choosing up to a quarter of it: an enrolment does more work
   * before its transaction, and without the head start it would nearly always lose, leaving few overlaps.
   */
  let span: number;

  async function enrolmentTime(): Promise<number> {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const child = await insertChild(t, guardian.userId);
      const started = performance.now();
      await enrol(t, guardian.session, open.id, { childId: child.id });
      samples.push(performance.now() - started);
    }
    return samples.sort((a, b) => a - b)[2];
  }

  beforeAll(async () => {
    t = await openTestApp();
    guardian = await insertGuardian(t);
    open = await insertProgramme(t, t.fixtures.ownOrganizationId, { capacity: 100_000 });
    // One seat: most children who ask wait in line, and each withdrawal of the seated one promotes the next.
    full = await insertProgramme(t, t.fixtures.ownOrganizationId, { capacity: 1 });
    const inserted = await insertCampaign(t, t.fixtures.ownOrganizationId, { state: 'open', programmeCount: 2 });
    campaign = { id: inserted.campaign.id, programmeIds: inserted.programmes.map((p) => p.id) };
    span = await enrolmentTime();
  });
  afterAll(() => t.close());

  function perform(step: Step, childId: string): Promise<LightMyRequestResponse> {
    const session = guardian.session;
    switch (step) {
      case 'enrolOpen':
        return enrol(t, session, open.id, { childId });
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
  async function round(): Promise<{ step: Step; status: number; body: string }[]> {
    const child = await insertChild(t, guardian.userId);
    const steps: Step[] = ['enrolOpen'];
    if (Math.random() < 0.5) steps.push('enrolFull');
    if (Math.random() < 0.3) steps.push('choose');
    steps.push(...pick<Step[]>([['withdraw'], ['delete'], ['withdraw', 'delete']]));
    return Promise.all(
      shuffled(steps).map(async (step) => {
        await sleep(Math.random() * span * (ending.includes(step) ? 1.5 : 0.25));
        const response = await perform(step, child.id);
        return { step, status: response.statusCode, body: response.body };
      }),
    );
  }

  const consentInForce = (childId: AnyPgColumn) =>
    t.handle.db.select({ id: childConsents.id }).from(childConsents).where(and(eq(childConsents.childId, childId), isNull(childConsents.withdrawnAt)));
  const childExists = (childId: AnyPgColumn) => t.handle.db.select({ id: children.id }).from(children).where(eq(children.id, childId));

  it(`${ROUNDS} rounds: nobody without consent keeps a place, a waitlist place or a choice; no 5xx`, async () => {
    const started = Date.now();
    const answers: { step: Step; status: number; body: string }[] = [];
    for (let done = 0; done < ROUNDS; done += ROUNDS_AT_ONCE) {
      const batch = await Promise.all(Array.from({ length: Math.min(ROUNDS_AT_ONCE, ROUNDS - done) }, round));
      answers.push(...batch.flat());
    }
    const db = t.handle.db;
    // Counted per child, so each figure is a number of rounds that broke the rule.
    const [{ n: placesWithoutConsent }] = await db
      .select({ n: sql<number>`count(distinct ${enrolments.childId})::int` })
      .from(enrolments)
      .where(and(inArray(enrolments.state, [...liveEnrolmentStates]), notExists(consentInForce(enrolments.childId))));
    const [{ n: choicesWithoutConsent }] = await db
      .select({ n: sql<number>`count(distinct ${campaignChoices.childId})::int` })
      .from(campaignChoices)
      .where(and(eq(campaignChoices.campaignId, campaign.id), notExists(consentInForce(campaignChoices.childId))));
    const [{ n: orphanEnrolments }] = await db.select({ n: count() }).from(enrolments).where(notExists(childExists(enrolments.childId)));
    const [{ n: orphanChoices }] = await db.select({ n: count() }).from(campaignChoices).where(notExists(childExists(campaignChoices.childId)));
    const seats = [];
    for (const programmeId of [open.id, full.id]) {
      const [{ seatsTaken }] = await db.select({ seatsTaken: programmes.seatsTaken }).from(programmes).where(eq(programmes.id, programmeId));
      const [{ n: enrolled }] = await db.select({ n: count() }).from(enrolments).where(and(eq(enrolments.programmeId, programmeId), eq(enrolments.state, 'enrolled')));
      seats.push({ programmeId, seatsTaken, enrolled });
    }
    const serverErrors = answers.filter((a) => a.status >= 500);
    const byStep = Object.fromEntries(
      (['enrolOpen', 'enrolFull', 'choose', 'withdraw', 'delete'] as Step[]).map((step) => {
        const statuses: Record<number, number> = {};
        for (const a of answers.filter((x) => x.step === step)) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
        return [step, statuses];
      }),
    );
    const engine = t.handle.engine;
    console.log(
      `consent race on ${engine}: ${ROUNDS} rounds (${ROUNDS_AT_ONCE} at once, delays up to ${(span * 1.5).toFixed(0)} ms) in ${((Date.now() - started) / 1000).toFixed(1)} s — ` +
        `places without consent: ${placesWithoutConsent} rounds, choices without consent: ${choicesWithoutConsent} rounds, ` +
        `orphan enrolments: ${orphanEnrolments}, orphan choices: ${orphanChoices}, 5xx: ${serverErrors.length}; answers ${JSON.stringify(byStep)}`,
    );

    expect(serverErrors.slice(0, 3)).toEqual([]);
    expect(placesWithoutConsent).toBe(0);
    expect(choicesWithoutConsent).toBe(0);
    expect(orphanEnrolments).toBe(0);
    expect(orphanChoices).toBe(0);
    for (const programme of seats) expect(programme.seatsTaken, programme.programmeId).toBe(programme.enrolled);
    // Only answers a family can act on: done, or refused because the child is gone or has no consent.
    const unexpected = answers.filter((a) => ![200, 201, 204, 404, 409].includes(a.status));
    expect(unexpected.slice(0, 3)).toEqual([]);
  }, 600_000);
});
