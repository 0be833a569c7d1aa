import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { FIXTURE_PASSWORD } from '../../../test/fixtures';
import { organizationWithHead, seedNetwork } from '../../../test/network-fixtures';
import { addDays } from '../../platform/dates';
import { campaigns } from '../campaigns/schema';
import { seedCouncil, seedDecision, seedMeeting } from '../councils/council-fixtures';
import { insertChild, insertEnrolment, insertGuardian, insertProgramme } from '../enrolments/enrolment.testkit';
import { resourceOffers } from '../inventory/schema';
import type { networks } from '../networks/schema';
import { notifications } from '../notifications/schema';
import { notifyDuePlanItems } from '../plans/notify-due-plan-items';
import { planItems, plans } from '../plans/schema';
import { regionToday } from '../territory/region-clock';

type Desk = { total: number; groups: { kind: string; count: number; items: { id: string; title: string; object: string; due: string | null; link: string; detail?: Record<string, unknown> }[] }[] };

describe('«Мой кабинет»', () => {
  let t: TestApp;
  let network: typeof networks.$inferSelect;
  const sessions = {} as Record<'orgAdmin' | 'otherOrgAdmin' | 'teacher' | 'authority' | 'guardian' | 'operator', Session>;

  const desk = async (session: Session): Promise<Desk> => {
    const response = await t.call('GET', '/api/desk', { session });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const items = async (session: Session, kind: string) => (await desk(session)).groups.find((g) => g.kind === kind)?.items ?? [];
  const notesOf = (userId: string, kind: (typeof notifications.$inferSelect)['kind']) =>
    t.handle.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
  const user = (role: 'orgAdmin' | 'otherOrgAdmin' | 'teacher' | 'authority') => t.fixtures.actors[role]!.userId;

  beforeAll(async () => {
    t = await openTestApp();
    network = await seedNetwork(t.handle.db, t.fixtures, { name: 'Округ кабинета' });
    for (const role of ['orgAdmin', 'otherOrgAdmin', 'teacher', 'authority', 'guardian', 'operator'] as const) sessions[role] = await t.signIn(role);
  });
  afterAll(() => t.close());

  it('asks anonymous callers to sign in, and shows an empty desk to someone nothing awaits', async () => {
    expect((await t.call('GET', '/api/desk', { session: null })).statusCode).toBe(401);
    expect((await t.call('GET', '/api/desk/counts', { session: null })).statusCode).toBe(401);
    expect(await desk(sessions.guardian)).toMatchObject({ total: 0, groups: [] });
    expect((await t.call('GET', '/api/desk/counts', { session: sessions.guardian })).json()).toEqual({ total: 0, counts: {} });
  });

  it('a document sent for signature notifies the heads of the parties and waits on each desk until that party has signed', async () => {
    const created = await t.call('POST', `/api/networks/${network.id}/documents`, { session: sessions.orgAdmin, body: { kind: 'agreement' } });
    expect(created.statusCode, created.body).toBe(201);
    const doc = created.json();
    const read = { versionId: doc.current.id, sha256: doc.current.sha256 };
    expect(await items(sessions.orgAdmin, 'signatures')).toEqual([]);
    expect((await t.call('POST', `/api/documents/${doc.id}/send`, { session: sessions.orgAdmin, body: read })).statusCode).toBe(200);

    for (const role of ['orgAdmin', 'otherOrgAdmin'] as const) {
      expect(await notesOf(user(role), 'signature_requested')).toEqual([expect.objectContaining({ link: `/networks/${network.id}/documents/${doc.id}`, title: `Документ «${doc.title}» ждёт вашей подписи` })]);
      expect(await items(sessions[role], 'signatures')).toEqual([{ id: doc.id, title: doc.title, object: 'Округ кабинета', due: null, link: `/networks/${network.id}/documents/${doc.id}`, detail: { kind: 'agreement' } }]);
    }
    // A teacher signs nothing, the authority coordinates but heads no party.
    expect(await notesOf(user('teacher'), 'signature_requested')).toEqual([]);
    expect(await items(sessions.teacher, 'signatures')).toEqual([]);
    expect(await items(sessions.authority, 'signatures')).toEqual([]);

    const signed = await t.call('POST', `/api/documents/${doc.id}/sign`, { session: sessions.otherOrgAdmin, body: { ...read, password: FIXTURE_PASSWORD } });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(await items(sessions.otherOrgAdmin, 'signatures')).toEqual([]);
    expect(await items(sessions.orgAdmin, 'signatures')).toHaveLength(1);
    expect((await t.call('GET', '/api/desk/counts', { session: sessions.orgAdmin })).json()).toMatchObject({ counts: { signatures: 1 } });
  });

  it('council: an invitation to a meeting, an open vote until the organisation has voted, minutes for the chair to approve', async () => {
    const council = await seedCouncil(t.handle.db, t.fixtures, network.id);
    const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const scheduled = await t.call('POST', `/api/networks/${network.id}/meetings`, { session: sessions.orgAdmin, body: { title: 'Заседание о плане', startsAt, place: 'Актовый зал', agenda: ['О плане'] } });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const meetingId = scheduled.json().id;
    for (const role of ['teacher', 'otherOrgAdmin', 'orgAdmin'] as const) {
      expect(await notesOf(user(role), 'meeting_invited')).toEqual([expect.objectContaining({ link: `/networks/${network.id}/council/${meetingId}` })]);
      expect(await items(sessions[role], 'meetings')).toEqual([expect.objectContaining({ id: meetingId, title: 'Заседание о плане', due: startsAt })]);
    }
    expect(await items(sessions.authority, 'meetings')).toEqual([]);

    const voting = await seedMeeting(t.handle.db, network.id);
    const decision = await seedDecision(t.handle.db, voting.id);
    expect((await t.call('POST', `/api/decisions/${decision.id}/open`, { session: sessions.teacher })).statusCode).toBe(200);
    expect((await notesOf(user('otherOrgAdmin'), 'voting_opened')).map((n) => n.link)).toEqual([`/networks/${network.id}/council/${voting.id}`]);
    for (const role of ['teacher', 'otherOrgAdmin', 'orgAdmin'] as const) expect((await items(sessions[role], 'votes')).map((i) => i.id)).toEqual([decision.id]);
    // One vote per organisation: once orgAdmin votes for the own school, its chair has nothing left to cast.
    expect((await t.call('POST', `/api/decisions/${decision.id}/votes`, { session: sessions.orgAdmin, body: { choice: 'for' } })).statusCode).toBe(201);
    expect(await items(sessions.orgAdmin, 'votes')).toEqual([]);
    expect(await items(sessions.teacher, 'votes')).toEqual([]);
    expect(await items(sessions.otherOrgAdmin, 'votes')).toHaveLength(1);

    const held = await seedMeeting(t.handle.db, network.id, { state: 'held', attended: [council.chair.id, council.secretary.id] });
    expect(await items(sessions.teacher, 'minutes')).toEqual([]);
    const drafted = await t.call('PUT', `/api/meetings/${held.id}/minutes`, { session: sessions.otherOrgAdmin, body: { minutes: 'Слушали: о плане.', minutesVersion: 0 } });
    expect(drafted.statusCode, drafted.body).toBe(200);
    expect(await notesOf(user('teacher'), 'minutes_to_approve')).toHaveLength(1);
    expect(await notesOf(user('orgAdmin'), 'minutes_to_approve')).toEqual([]);
    expect((await items(sessions.teacher, 'minutes')).map((i) => i.id)).toEqual([held.id]);
    expect(await items(sessions.orgAdmin, 'minutes')).toEqual([]);
  });

  it('network invitations go to the invited head, join requests to the coordinators', async () => {
    const invited = await organizationWithHead(t, 'Школа приглашённая', null);
    expect((await t.call('POST', `/api/networks/${network.id}/invitations`, { session: sessions.orgAdmin, body: { organizationId: invited.org.id, role: 'member' } })).statusCode).toBe(201);
    expect(await notesOf(invited.user.id, 'network_invitation')).toHaveLength(1);
    expect(await items(invited.session, 'memberships')).toEqual([expect.objectContaining({ title: 'Округ кабинета', object: 'Школа приглашённая', detail: { direction: 'invitation' } })]);

    const asking = await organizationWithHead(t, 'Школа просящая', null);
    expect((await t.call('POST', `/api/networks/${network.id}/requests`, { session: asking.session, body: { organizationId: asking.org.id, role: 'member' } })).statusCode).toBe(201);
    for (const role of ['orgAdmin', 'authority'] as const) {
      expect(await notesOf(user(role), 'network_request')).toHaveLength(1);
      expect(await items(sessions[role], 'memberships')).toEqual([expect.objectContaining({ title: 'Школа просящая', link: `/networks/${network.id}/members`, detail: { direction: 'request' } })]);
    }
    expect(await notesOf(user('otherOrgAdmin'), 'network_request')).toEqual([]);
    expect(await items(sessions.otherOrgAdmin, 'memberships')).toEqual([]);
    expect(await items(asking.session, 'memberships')).toEqual([]);
  });

  it('an exchange request waits on the provider’s desk and notifies its heads; a counter-proposal hands it to the requester', async () => {
    const [offer] = await t.handle.db.insert(resourceOffers).values({ organizationId: t.fixtures.ownOrganizationId, category: 'facilities', title: 'Кабинет робототехники' }).returning();
    const requested = await t.call('POST', '/api/exchanges', { session: sessions.otherOrgAdmin, body: { offerId: offer.id, requesterOrganizationId: t.fixtures.otherOrganizationId } });
    expect(requested.statusCode, requested.body).toBe(201);
    const exchange = requested.json();
    expect(await notesOf(user('orgAdmin'), 'exchange_awaiting')).toEqual([expect.objectContaining({ link: `/exchanges/${exchange.id}` })]);
    expect(await items(sessions.orgAdmin, 'exchanges')).toEqual([expect.objectContaining({ id: exchange.id, title: 'Кабинет робототехники', object: 'СОШ № 2' })]);
    expect(await items(sessions.otherOrgAdmin, 'exchanges')).toEqual([]);

    const countered = await t.call('POST', `/api/exchanges/${exchange.id}/answer`, { session: sessions.orgAdmin, body: { version: exchange.version, action: 'counter', terms: 'По субботам' } });
    expect(countered.statusCode, countered.body).toBe(200);
    expect(await items(sessions.orgAdmin, 'exchanges')).toEqual([]);
    expect(await items(sessions.otherOrgAdmin, 'exchanges')).toEqual([expect.objectContaining({ id: exchange.id, object: 'СОШ № 1' })]);
    expect(await notesOf(user('otherOrgAdmin'), 'exchange_awaiting')).toHaveLength(1);
  });

  it('plan items of the head’s organisation due within two weeks or overdue; the daily reminder once per item', async () => {
    const today = await regionToday(t.handle.db);
    const [plan] = await t.handle.db.insert(plans).values({ networkId: network.id, title: 'План округа' }).returning();
    const item = (activity: string, endsOn: string, state: 'planned' | 'done' = 'planned') => ({ planId: plan.id, activity, endsOn, state, responsibleOrganizationIds: [t.fixtures.otherOrganizationId] });
    await t.handle.db.insert(planItems).values([item('Просроченный семинар', addDays(today, -1)), item('Скорая конференция', addDays(today, 10)), item('Далёкий форум', addDays(today, 40)), item('Готовый отчёт', addDays(today, -5), 'done')]);
    expect((await items(sessions.otherOrgAdmin, 'plan_items')).map((i) => [i.title, i.detail?.overdue])).toEqual([
      ['Просроченный семинар', true],
      ['Скорая конференция', false],
    ]);
    expect(await items(sessions.orgAdmin, 'plan_items')).toEqual([]);

    expect(await notifyDuePlanItems(t.handle.db)).toBe(2);
    expect(await notifyDuePlanItems(t.handle.db)).toBe(0);
    expect((await notesOf(user('otherOrgAdmin'), 'plan_item_due')).map((n) => n.title).sort()).toEqual(['Просрочен пункт плана «Просроченный семинар»', `Срок пункта плана «Скорая конференция» — ${addDays(today, 10).split('-').reverse().join('.')}`]);
    expect(await notesOf(user('orgAdmin'), 'plan_item_due')).toEqual([]);
  });

  it('a guardian sees the clashes and waitlist places of their own children and open campaigns; another guardian sees none of it', async () => {
    const parent = await insertGuardian(t);
    const stranger = await insertGuardian(t);
    const child = await insertChild(t, parent.userId, { values: { fullName: 'Кузнецова Дарья' } });
    const thursday = { weekday: 4, startMinute: 900, endMinute: 990 };
    const robots = await insertProgramme(t, t.fixtures.ownOrganizationId, { title: 'Робототехника' }, [thursday]);
    const money = await insertProgramme(t, t.fixtures.otherOrganizationId, { title: 'Финансовая грамотность' }, [{ ...thursday, startMinute: 930, endMinute: 1020 }]);
    const models = await insertProgramme(t, t.fixtures.ownOrganizationId, { title: '3D-моделирование' });
    await insertEnrolment(t, child.id, robots.id);
    await insertEnrolment(t, child.id, money.id);
    await insertEnrolment(t, child.id, models.id, 'waitlisted');
    await t.handle.db.insert(campaigns).values({ organizerOrganizationId: t.fixtures.ownOrganizationId, title: 'Выбор профиля', opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 5 * 86_400_000), state: 'open', lotterySeedHash: 'x' });

    const own = await desk(parent.session);
    expect(own.groups.map((g) => g.kind)).toEqual(['clashes', 'waitlist', 'campaigns']);
    expect(own.groups[0].items).toEqual([expect.objectContaining({ title: 'Робототехника — Финансовая грамотность', object: 'Кузнецова Дарья', link: `/children/${child.id}`, detail: expect.objectContaining({ weekday: 4, startMinute: 930, endMinute: 990 }) })]);
    expect(own.groups[1].items).toEqual([expect.objectContaining({ title: '3D-моделирование', object: 'Кузнецова Дарья', detail: { position: 1 } })]);
    expect(own.groups[2].items).toEqual([expect.objectContaining({ title: 'Выбор профиля', detail: { saved: false } })]);
    // Without children, campaigns are nobody's business; and nothing of the other family shows.
    expect(await desk(stranger.session)).toMatchObject({ total: 0 });
    expect((await desk(sessions.orgAdmin)).groups.some((g) => ['clashes', 'waitlist', 'campaigns'].includes(g.kind))).toBe(false);
  });

  it('a provider’s staff see today’s classes and past classes nobody marked; other organisations’ staff do not', async () => {
    const today = await regionToday(t.handle.db);
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 600, endMinute: 645 }));
    const chess = await insertProgramme(t, t.fixtures.ownOrganizationId, { title: 'Шахматы', startsOn: addDays(today, -3), endsOn: addDays(today, 30) }, everyDay);
    const child = await insertChild(t, (await insertGuardian(t)).userId);
    const enrolment = await insertEnrolment(t, child.id, chess.id, 'enrolled', new Date(Date.now() - 10 * 86_400_000));

    expect((await items(sessions.teacher, 'classes_today')).filter((i) => i.title === 'Шахматы')).toEqual([
      expect.objectContaining({ due: today, link: `/programmes/${chess.id}/roster`, detail: { startMinute: 600, endMinute: 645, enrolled: 1, marked: false } }),
    ]);
    expect((await items(sessions.teacher, 'attendance')).find((i) => i.id === chess.id)).toMatchObject({ due: addDays(today, -3), detail: { classes: 3, last: addDays(today, -1) } });
    const marked = await t.call('PUT', `/api/programmes/${chess.id}/attendance`, { session: sessions.teacher, body: { classDate: addDays(today, -3), marks: [{ enrolmentId: enrolment.id, present: true }] } });
    expect(marked.statusCode, marked.body).toBe(200);
    expect((await items(sessions.teacher, 'attendance')).find((i) => i.id === chess.id)).toMatchObject({ due: addDays(today, -2), detail: { classes: 2 } });
    expect((await items(sessions.otherOrgAdmin, 'classes_today')).some((i) => i.title === 'Шахматы')).toBe(false);
    expect((await desk(sessions.guardian)).total).toBe(0);
  });
});
