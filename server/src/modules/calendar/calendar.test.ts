import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import { seedNetwork } from '../../../test/network-fixtures';
import { countRoundTrips } from '../../../test/query-counter';
import { eventOrganizers } from '../events/schema';
import { insertCalendarEvent as insertEvent } from './calendar.testkit';

interface CalendarAnswer {
  days: { date: string; total: number; events: { id: string; title: string; state: string; organizationName: string }[] }[];
}

describe('calendar of events', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  let networkId: string;
  beforeAll(async () => {
    t = await openTestApp();
    const { db } = t.handle;
    const own = t.fixtures.ownOrganizationId;
    const other = t.fixtures.otherOrganizationId;
    networkId = (await seedNetwork(db, t.fixtures)).id;
    ids.march = (await insertEvent(t, own, { title: 'Мартовский семинар', on: '2026-03-16', networkId, audiences: ['heads'] })).id;
    // Spans the turn of the month: it overlaps March though it starts in February.
    ids.spanning = (await insertEvent(t, own, { title: 'Стажировка', kind: 'internship', startsAt: new Date('2026-02-25T09:00:00+03:00'), endsAt: new Date('2026-03-03T17:00:00+03:00') })).id;
    // Ends at the first midnight of March in the region: not in March.
    ids.endsAtMidnight = (await insertEvent(t, own, { title: 'Вечер февраля', startsAt: new Date('2026-02-28T20:00:00+03:00'), endsAt: new Date('2026-03-01T00:00:00+03:00') })).id;
    // 23:30 on 31 March in the region is 20:30 UTC: still March.
    ids.lastEvening = (await insertEvent(t, other, { title: 'Концерт', kind: 'festival', format: 'online', audiences: ['public'], startsAt: new Date('2026-03-31T23:30:00+03:00'), endsAt: new Date('2026-04-01T01:00:00+03:00') })).id;
    ids.april = (await insertEvent(t, own, { title: 'Апрельский семинар', on: '2026-04-02' })).id;
    ids.draft = (await insertEvent(t, own, { title: 'Черновик', on: '2026-03-10', state: 'draft' })).id;
    ids.coOrganised = (await insertEvent(t, other, { title: 'Совместный мастер-класс', kind: 'master_class', on: '2026-03-20', format: 'mixed', audiences: ['teachers'] })).id;
    await db.insert(eventOrganizers).values({ eventId: ids.coOrganised, organizationId: own });
  });
  afterAll(() => t.close());

  const month = (extra = '') => `/api/calendar?from=2026-03-01&to=2026-03-31&perDay=10${extra}`;
  /** Each event once, in the order the days first show it. */
  const titles = (body: CalendarAnswer) => [...new Set(body.days.flatMap((d) => d.events.map((e) => e.title)))];

  it('shows the events that overlap the days in the region, in order, and no one else’s drafts', async () => {
    const response = await t.call('GET', month());
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as CalendarAnswer;
    expect(titles(body)).toEqual(['Стажировка', 'Мартовский семинар', 'Совместный мастер-класс', 'Концерт']);
    // The internship is in each of its days from 1 to 3 March; the concert only on the 31st, where it starts.
    expect(body.days.map((d) => [d.date, d.total])).toEqual([
      ['2026-03-01', 1],
      ['2026-03-02', 1],
      ['2026-03-03', 1],
      ['2026-03-16', 1],
      ['2026-03-20', 1],
      ['2026-03-31', 1],
    ]);
    expect(Object.keys(body.days[0].events[0]).sort()).toEqual(['endsAt', 'format', 'id', 'kind', 'organizationName', 'startsAt', 'state', 'title']);
  });

  it('gives each day its count and at most perDay events, the earliest first', async () => {
    const { db } = t.handle;
    for (const hour of [18, 9, 12, 15]) {
      await insertEvent(t, t.fixtures.ownOrganizationId, { title: `Консультация в ${hour}:00`, kind: 'consultation', startsAt: new Date(`2026-05-12T${String(hour).padStart(2, '0')}:00:00+03:00`), endsAt: new Date(`2026-05-12T${String(hour).padStart(2, '0')}:45:00+03:00`) });
    }
    const body = (await t.call('GET', '/api/calendar?from=2026-05-01&to=2026-05-31&kind=consultation&perDay=2')).json() as CalendarAnswer;
    expect(body.days).toHaveLength(1);
    expect(body.days[0].total).toBe(4);
    expect(body.days[0].events.map((e) => e.title)).toEqual(['Консультация в 9:00', 'Консультация в 12:00']);
    const three = (await t.call('GET', '/api/calendar?from=2026-05-01&to=2026-05-31&kind=consultation')).json() as CalendarAnswer;
    expect(three.days[0].events).toHaveLength(3);
  });

  it('shows a draft to the staff of its organiser and not to another organisation', async () => {
    const own = (await t.call('GET', month(), { session: await t.signIn('teacher') })).json() as CalendarAnswer;
    expect(titles(own)).toContain('Черновик');
    const other = (await t.call('GET', month(), { session: await t.signIn('otherOrgAdmin') })).json() as CalendarAnswer;
    expect(titles(other)).not.toContain('Черновик');
  });

  it('filters by kind, audience, format, network, organisation (co-organisers too) and municipality', async () => {
    const get = async (extra: string) => titles((await t.call('GET', month(extra))).json() as CalendarAnswer);
    expect(await get('&kind=internship,festival')).toEqual(['Стажировка', 'Концерт']);
    expect(await get('&audience=teachers,public')).toEqual(['Совместный мастер-класс', 'Концерт']);
    expect(await get('&format=online')).toEqual(['Совместный мастер-класс', 'Концерт']);
    expect(await get('&format=in_person')).toEqual(['Стажировка', 'Мартовский семинар', 'Совместный мастер-класс']);
    expect(await get(`&networkId=${networkId}`)).toEqual(['Мартовский семинар']);
    expect(await get(`&organizationId=${t.fixtures.ownOrganizationId}`)).toEqual(['Стажировка', 'Мартовский семинар', 'Совместный мастер-класс']);
    expect(await get(`&municipalityId=${t.fixtures.otherMunicipalityId}`)).toEqual(['Совместный мастер-класс', 'Концерт']);
  });

  it('answers a week', async () => {
    const body = (await t.call('GET', '/api/calendar?from=2026-03-30&to=2026-04-05&perDay=10')).json() as CalendarAnswer;
    expect(titles(body)).toEqual(['Концерт', 'Апрельский семинар']);
  });

  it('refuses a period too long, reversed, an unknown filter or value with a Russian problem', async () => {
    const cases: [string, RegExp][] = [
      ['/api/calendar?from=2026-01-01&to=2026-03-31', /не больше 62 дней/],
      ['/api/calendar?from=2026-03-31&to=2026-03-01', /Конец периода раньше начала/],
      [month('&colour=red'), /Неизвестные поля: colour/],
      [month('&kind=seminar,picnic'), /Неизвестный вид мероприятия/],
      [month('&format=hybrid'), /Формат: online или in_person/],
      ['/api/calendar?from=2026-03-01', /Конец периода|Обязательное поле/],
      ['/api/calendar?from=2026-03-01&to=2026-03-31&perDay=500', /не больше 50/],
    ];
    for (const [url, detail] of cases) {
      const response = await t.call('GET', url);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().detail, url).toMatch(detail);
    }
  });

  it('reads a month in one statement, whoever asks', async () => {
    const { listCalendarEvents } = await import('./list-calendar-events');
    for (const actor of [null, t.fixtures.actors.teacher, t.fixtures.actors.operator]) {
      const { roundTrips, statements } = await countRoundTrips(() => listCalendarEvents({ db: t.handle.db, actor, ip: null }, { from: '2026-03-01', to: '2026-03-31' }));
      expect(roundTrips, statements.join('\n')).toBe(1);
    }
  });
});
