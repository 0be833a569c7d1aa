import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { enrol, insertChild, insertEnrolment, insertGuardian, insertProgramme } from './enrolment.testkit';

interface Fit {
  child: { id: string; fullName: string };
  consent: boolean;
  enrolment: { id: string; state: string; waitlistPosition: number | null } | null;
  reasons: { code: string; title: string; detail: string }[];
  canEnrol: boolean;
  clashes: { programme: { id: string; title: string }; weekday: number; startMinute: number; endMinute: number }[];
}

const TUESDAY_4PM = { weekday: 2, startMinute: 960, endMinute: 1050 };

describe('whether a programme fits each of the guardian’s children', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  const programmeOf = (values: Parameters<typeof insertProgramme>[2] = {}, slots = [TUESDAY_4PM]) => insertProgramme(t, t.fixtures.ownOrganizationId, values, slots);
  const fitsOf = async (session: Session | null, programmeId: string) => {
    const response = await t.call('GET', `/api/programmes/${programmeId}/eligibility`, { session });
    return { status: response.statusCode, children: (response.json() as { children: Fit[] }).children };
  };

  it('says for each child what stands in the way, in the words the enrolment command refuses with', async () => {
    const family = await insertGuardian(t);
    const fits = await insertChild(t, family.userId, { values: { fullName: 'Подходит' } });
    const young = await insertChild(t, family.userId, { values: { fullName: 'Третьеклассник', grade: 3 } });
    const noConsent = await insertChild(t, family.userId, { consent: false, values: { fullName: 'Без согласия' } });
    const enrolled = await insertChild(t, family.userId, { values: { fullName: 'Уже записан' } });
    const waiting = await insertChild(t, family.userId, { values: { fullName: 'В очереди' } });
    const programme = await programmeOf({ title: 'Шахматы' });
    await insertEnrolment(t, enrolled.id, programme.id);
    await insertEnrolment(t, waiting.id, programme.id, 'waitlisted');

    const answer = await fitsOf(family.session, programme.id);
    expect(answer.status).toBe(200);
    const byName = Object.fromEntries(answer.children.map((fit) => [fit.child.fullName, fit]));
    expect(Object.keys(byName)).toEqual(['Подходит', 'Третьеклассник', 'Без согласия', 'Уже записан', 'В очереди']);
    expect(byName['Подходит']).toMatchObject({ consent: true, enrolment: null, reasons: [], canEnrol: true, clashes: [] });
    expect(byName['Третьеклассник'].reasons).toEqual([
      { code: 'not_eligible', title: 'Программа не подходит ребёнку', detail: 'Программа для 5–9 классов, а ребёнок учится в 3 классе.' },
    ]);
    expect(byName['Без согласия']).toMatchObject({ consent: false, canEnrol: false, reasons: [{ code: 'consent_required' }] });
    expect(byName['Уже записан']).toMatchObject({ enrolment: { state: 'enrolled', waitlistPosition: null }, reasons: [], canEnrol: false });
    expect(byName['В очереди']).toMatchObject({ enrolment: { state: 'waitlisted', waitlistPosition: 1 }, canEnrol: false });

    // The command answers exactly the first reason the read gave, and enrols the child the read said fits.
    for (const child of [young, noConsent]) {
      const refused = await enrol(t, family.session, programme.id, { childId: child.id });
      const [reason] = answer.children.find((fit) => fit.child.id === child.id)!.reasons;
      expect(refused.json()).toMatchObject({ code: reason.code, title: reason.title, detail: reason.detail });
    }
    expect((await enrol(t, family.session, programme.id, { childId: fits.id })).statusCode).toBe(201);
    expect((await fitsOf(family.session, programme.id)).children[0]).toMatchObject({ enrolment: { state: 'enrolled' }, canEnrol: false });
  });

  it('names the classes the child attends now that the programme would clash with, and only those', async () => {
    const family = await insertGuardian(t);
    const child = await insertChild(t, family.userId);
    const brother = await insertChild(t, family.userId);
    const chess = await programmeOf({ title: 'Шахматы' }, [{ weekday: 2, startMinute: 900, endMinute: 1000 }]);
    const choir = await programmeOf({ title: 'Хор' }, [{ weekday: 4, startMinute: 960, endMinute: 1050 }]);
    // A waitlist place and a finished programme are not in this week's timetable.
    const waitlisted = await programmeOf({ title: 'Лист ожидания' }, [TUESDAY_4PM]);
    await insertEnrolment(t, child.id, chess.id);
    await insertEnrolment(t, child.id, choir.id);
    await insertEnrolment(t, child.id, waitlisted.id, 'waitlisted');
    const candidate = await programmeOf({ title: 'Робототехника' }, [TUESDAY_4PM, { weekday: 5, startMinute: 960, endMinute: 1050 }]);

    const [mine, his] = (await fitsOf(family.session, candidate.id)).children;
    expect(mine.clashes).toEqual([{ programme: { id: chess.id, title: 'Шахматы' }, weekday: 2, startMinute: 960, endMinute: 1000 }]);
    expect(mine.canEnrol).toBe(true);
    expect(his.child.id).toBe(brother.id);
    expect(his.clashes).toEqual([]);
  });

  it('gives the programme’s own reasons for every child: campaign-only, over; an archived one is out of the catalogue', async () => {
    const family = await insertGuardian(t);
    await insertChild(t, family.userId);
    const reasonOf = async (values: Parameters<typeof insertProgramme>[2]) => (await fitsOf(family.session, (await programmeOf(values)).id)).children[0].reasons.map((r) => r.code);
    expect(await reasonOf({ enrolmentMode: 'campaign' })).toEqual(['campaign_only']);
    expect(await reasonOf({ startsOn: '2020-09-01', endsOn: '2021-05-31' })).toEqual(['programme_over']);
    const archived = await programmeOf({ state: 'archived' });
    expect((await t.call('GET', `/api/programmes/${archived.id}/eligibility`, { session: family.session })).statusCode).toBe(404);
  });

  it('never shows another family’s child; a draft does not exist; a stranger is asked to sign in', async () => {
    const one = await insertGuardian(t);
    const other = await insertGuardian(t);
    const ours = await insertChild(t, one.userId);
    const theirs = await insertChild(t, other.userId);
    const programme = await programmeOf();
    await insertEnrolment(t, theirs.id, programme.id);

    const seen = await fitsOf(one.session, programme.id);
    expect(seen.children.map((fit) => fit.child.id)).toEqual([ours.id]);
    expect(JSON.stringify(seen)).not.toContain(theirs.fullName);
    // Staff of the provider have no children of their own here: the list is empty, the roster is elsewhere.
    expect((await fitsOf(await t.signIn('orgAdmin'), programme.id)).children).toEqual([]);
    expect((await t.call('GET', `/api/programmes/${programme.id}/eligibility`, { session: null })).statusCode).toBe(401);
    const draft = await programmeOf({ state: 'draft' });
    expect((await t.call('GET', `/api/programmes/${draft.id}/eligibility`, { session: one.session })).statusCode).toBe(404);
  });
});
