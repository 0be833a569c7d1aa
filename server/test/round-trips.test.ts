import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSession } from '../src/modules/accounts/sessions';
import { enrol, insertChild, insertGuardian, insertProgramme } from '../src/modules/enrolments/enrolment.testkit';
import { type TestApp, openTestApp } from './app';
import { countRoundTrips } from './query-counter';

/**
 * Round trips to the database on the hot paths, counted at the driver (BEGIN and COMMIT included) on either engine:
 * exact figures, so a query added to these paths fails here and is a decision, not a drift.
 */
describe('round trips of the hot paths', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  const count = async (work: () => Promise<{ statusCode: number; body: string }>, status: number) => {
    const { result, roundTrips, statements } = await countRoundTrips(work);
    expect(result.statusCode, result.body).toBe(status);
    return { roundTrips, statements };
  };

  it('resolves session, user, roles and memberships in one query', async () => {
    const head = await t.signIn('orgAdmin');
    const token = /orbita_session=([^;]+)/.exec(head.cookie)![1];
    const { result, roundTrips, statements } = await countRoundTrips(() => resolveSession(t.handle.db, token));
    expect(result?.actor.memberships).toEqual([{ organizationId: t.fixtures.ownOrganizationId, role: 'org_admin' }]);
    expect(roundTrips, statements.join('\n')).toBe(1);
  });

  it('answers a signed-in enrolment in 3 round trips when it succeeds, 2 when it is refused', async () => {
    const programme = await insertProgramme(t, t.fixtures.ownOrganizationId, { capacity: 1 });
    const first = await insertGuardian(t);
    const firstChild = await insertChild(t, first.userId);
    // session; the child, programme, consent, time zone and key; the seat, enrolment and audit entry in one statement
    const enrolled = await count(() => enrol(t, first.session, programme.id, { childId: firstChild.id }), 201);
    expect(enrolled.roundTrips, enrolled.statements.join('\n')).toBe(3);

    const second = await insertGuardian(t);
    const secondChild = await insertChild(t, second.userId);
    // session; the same read, which finds the programme full and how many wait
    const full = await count(() => enrol(t, second.session, programme.id, { childId: secondChild.id }), 409);
    expect(full.roundTrips, full.statements.join('\n')).toBe(2);

    const open = await insertProgramme(t, t.fixtures.ownOrganizationId);
    const withoutConsent = await insertChild(t, second.userId, { consent: false });
    const refused = await count(() => enrol(t, second.session, open.id, { childId: withoutConsent.id }, randomUUID()), 409);
    expect(refused.roundTrips, refused.statements.join('\n')).toBe(2);
  });

  it('reads the health, an organisation card and a programme card in one query each, the health without any', async () => {
    const health = await count(() => t.call('GET', '/api/health'), 200);
    expect(health.roundTrips, health.statements.join('\n')).toBeLessThanOrEqual(1);
    const card = await count(() => t.call('GET', `/api/organizations/${t.fixtures.ownOrganizationId}`), 200);
    expect(card.roundTrips, card.statements.join('\n')).toBe(1);
    const programme = await insertProgramme(t, t.fixtures.ownOrganizationId, {}, [{ weekday: 2, startMinute: 900, endMinute: 990 }]);
    const programmeCard = await count(() => t.call('GET', `/api/programmes/${programme.id}`), 200);
    expect(programmeCard.roundTrips, programmeCard.statements.join('\n')).toBe(1);
    expect(JSON.parse((await t.call('GET', `/api/programmes/${programme.id}`)).body)).toMatchObject({ slots: [{ weekday: 2, startMinute: 900, endMinute: 990 }], provider: { id: t.fixtures.ownOrganizationId } });
  });
});
