import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, launchBrowser, mainText, signIn } from './browser';

const baseUrl = inject('baseUrl');

/**
 * The Tyumen association of the demo: 24 member organisations, 5 of them on the council, a regulation with the
 * quorum by attendance and the chair's casting vote. Its council passes a vote in the browser — the vote that
 * could never pass while the quorum was counted against every member of the network.
 */
describe('the Tyumen association’s council passes a vote: 5 organisations of 24 members', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const people = new Map<string, Page>();
  const keys = ['tmn-association', 'tmn-gymnasium-12', 'tmn-school-88', 'tmn-school-90'] as const;

  beforeAll(async () => {
    browser = await launchBrowser();
    for (const key of keys) {
      const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      try {
        await signIn(page, baseUrl, key === 'tmn-school-88' ? 'director88@orbita.demo' : `head.${key}@orbita.demo`);
      } catch (error) {
        await page.screenshot({ path: `/tmp/h1-shots/signin-${key}.png` });
        throw new Error(`${key}: ${await page.locator('body').innerText()}`, { cause: error });
      }
      people.set(key, page);
    }
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
  });

  it('the chair opens the vote, three members vote in their own sessions, the chair closes it: adopted', async () => {
    const chair = people.get('tmn-association')!;
    const secretary = people.get('tmn-gymnasium-12')!;
    const { items } = await api(chair, 'GET', '/api/networks?q=' + encodeURIComponent('Тюмени'));
    const network = items.find((n: { kind: string }) => n.kind === 'association');
    const detail = await api(chair, 'GET', `/api/networks/${network.id}`);
    expect(detail.members.filter((m: { state: string }) => m.state === 'active')).toHaveLength(24);
    const council = await api(chair, 'GET', `/api/networks/${network.id}/council`);
    expect(council.members).toHaveLength(5);
    expect(council.rules).toMatchObject({ quorumBasis: 'attendance', chairCastingVote: true });

    // The chair schedules a meeting with a question; the secretary marks who came: 3 of 5.
    const meeting = await api(chair, 'POST', `/api/networks/${network.id}/meetings`, { title: 'Заседание совета ассоциации № 2', startsAt: '2026-12-18T15:00:00+05:00', agenda: ['О городской олимпиаде'] });
    const seat = (organizationId: string) => meeting.attendance.find((a: { organizationId: string }) => a.organizationId === organizationId).councilMemberId;
    const org = async (page: Page) => (await api(page, 'GET', '/api/auth/me')).user.memberships[0].organizationId;
    const present = [await org(chair), await org(secretary), await org(people.get('tmn-school-88')!)];
    await api(secretary, 'POST', `/api/meetings/${meeting.id}/attendance`, {
      entries: meeting.attendance.map((a: { councilMemberId: string; organizationId: string }) => ({ councilMemberId: a.councilMemberId, attended: present.includes(a.organizationId) })),
    });
    expect(seat(present[0])).toBeTruthy();
    await api(chair, 'POST', `/api/meetings/${meeting.id}/decisions`, { title: 'О проведении городской олимпиады для 5–9 классов', text: 'Провести олимпиаду в феврале 2027 года на базе гимназии № 49.' });

    const meetingUrl = `${baseUrl}/networks/${network.id}/council/${meeting.id}`;
    await chair.goto(meetingUrl);
    await expect.poll(() => mainText(chair), { timeout: 15_000 }).toContain('кворум — на заседании присутствуют не менее 50 %');
    await chair.getByRole('button', { name: 'Открыть голосование' }).click();
    await expect.poll(() => mainText(chair), { timeout: 10_000 }).toContain('Проголосовало организаций: 0');

    // The chair, the secretary and school No. 88 vote «За», each in their own session; No. 90 was absent and its vote does not count.
    for (const key of ['tmn-association', 'tmn-gymnasium-12', 'tmn-school-88', 'tmn-school-90'] as const) {
      const page = people.get(key)!;
      if (key !== 'tmn-association') await page.goto(meetingUrl);
      const group = page.getByRole('group', { name: 'Ваш голос от организации:' });
      await group.getByRole('button', { name: key === 'tmn-school-90' ? 'Против' : 'За' }).click();
      await expect.poll(() => mainText(page), { timeout: 10_000 }).toContain('Голос вашей организации');
    }

    await chair.reload();
    await chair.getByRole('button', { name: 'Закрыть голосование и подвести итоги' }).click();
    await expect.poll(() => mainText(chair), { timeout: 10_000 }).toContain('Решение принято');
    const text = await mainText(chair);
    expect(text).toContain('За — 3, против — 0, воздержались — 0.');
    expect(text).toContain('Присутствовали: 3 из 5 (организации, представленные в совете)');
    expect(text).toContain('Голоса отсутствовавших не учтены: 1.');
    await chair.screenshot({ path: process.env.E2E_SCREENSHOTS ? `${process.env.E2E_SCREENSHOTS}/council-vote.png` : '/tmp/council-vote.png', fullPage: true });

    const closed = (await api(chair, 'GET', `/api/meetings/${meeting.id}`)).decisions[0];
    expect(closed).toMatchObject({ state: 'adopted', result: { eligible: 5, present: 3, voted: 3, for: 3, notCounted: 1, quorum: true } });
  });
});
