import { chromium, type Page } from 'playwright-core';
const base = 'http://127.0.0.1:4711';
const PASS = 'orbita-demo-2026';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
async function session(email: string, width = 390) {
  const context = await browser.newContext({ viewport: { width, height: 844 }, locale: 'ru-RU' });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Электронная почта').fill(email);
  await page.getByLabel('Пароль', { exact: true }).fill(PASS);
  await page.getByRole('button', { name: 'Войти', exact: true }).last().click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return { context, page };
}
async function api(page: Page, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  return page.evaluate(async ({ method, url, body, headers }) => {
    const me = await (await fetch('/api/auth/me')).json();
    const r = await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken ?? '', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${url} → ${r.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  }, { method, url, body, headers });
}
const director = await session('director@orbita.demo');
const me = await api(director.page, 'GET', '/api/auth/me');
const org = me.user.memberships[0].organizationId;
const start = new Date(Date.now() + 3600_000);
let event = await api(director.page, 'POST', '/api/events', { kind: 'seminar', title: 'Семинар «Сетевое взаимодействие школ»', organizationId: org, audiences: ['teachers', 'heads'], startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3 * 3600_000).toISOString(), capacity: 20, address: 'г. Калининград, ул. Комсомольская, 14, актовый зал' });
event = await api(director.page, 'POST', `/api/events/${event.id}/publish`, { version: event.version });
const codes: string[] = [];
const ids: string[] = [];
for (const email of ['teacher@orbita.demo', 'teacher.history@orbita.demo', 'teacher.physics@orbita.demo', 'director31@orbita.demo']) {
  const s = await session(email);
  const r = await api(s.page, 'POST', `/api/events/${event.id}/registrations`, {}, { 'idempotency-key': crypto.randomUUID() });
  codes.push(r.checkInCode); ids.push(r.id);
  if (email === 'teacher@orbita.demo') {
    await s.page.evaluate(() => 0);
    // the ticket as the person sees it: no page mounts it yet, so render the API answer
    const t = await api(s.page, 'GET', `/api/event-registrations/${r.id}/ticket`);
    await s.page.setContent(`<div style="width:200px">${t.svg}</div><p>${t.code}</p>`);
    await s.page.screenshot({ path: '/tmp/shot-ticket.png' });
  }
  await s.context.close();
}
console.log('event', event.id, codes);
const p = director.page;
await p.goto(`${base}/events/${event.id}/check-in`);
await p.getByTestId('check-in-status').getByText('Синхронизировано').waitFor();
await p.screenshot({ path: '/tmp/shot-checkin-1.png', fullPage: true });
await p.getByLabel('Код с билета').fill(codes[0].toLowerCase());
await p.getByRole('button', { name: 'Отметить' }).click();
await p.getByTestId('check-in-result').waitFor();
await p.waitForTimeout(800);
await director.context.setOffline(true);
await p.getByTestId('check-in-status').getByText('Нет сети').waitFor();
await p.getByLabel('Код с билета').fill(codes[1]);
await p.getByRole('button', { name: 'Отметить' }).click();
await p.getByLabel('Код с билета').fill(codes[1]);
await p.getByRole('button', { name: 'Отметить' }).click();
await p.screenshot({ path: '/tmp/shot-checkin-offline.png', fullPage: true });
// Another phone checks in codes[2] meanwhile; this phone, offline, also scans it
const other = await session('director@orbita.demo');
await api(other.page, 'POST', `/api/events/${event.id}/check-in`, { code: codes[2] });
await p.getByLabel('Код с билета').fill(codes[2]);
await p.getByRole('button', { name: 'Отметить' }).click();
await director.context.setOffline(false);
await p.getByTestId('check-in-status').getByText('Синхронизировано').waitFor({ timeout: 15000 });
await p.screenshot({ path: '/tmp/shot-checkin-synced.png', fullPage: true });
// certificates: move the event's start into the past
const full = await api(p, 'GET', `/api/events/${event.id}`);
try {
  await api(p, 'PATCH', `/api/events/${event.id}`, { version: full.version, startsAt: new Date(Date.now() - 3600_000).toISOString() });
} catch (e) { console.log('patch refused', String(e).slice(0, 200)); }
await p.goto(`${base}/events/${event.id}/certificates`);
await p.getByRole('heading', { name: 'Сертификаты мероприятия' }).waitFor();
await p.waitForTimeout(500);
const issue = p.getByRole('button', { name: 'Выдать сертификаты' });
if (await issue.isEnabled()) { await issue.click(); await p.getByRole('status').getByText('Выдан').waitFor().catch(() => {}); }
await p.waitForTimeout(800);
await p.screenshot({ path: '/tmp/shot-certs.png', fullPage: true });
const list = await api(p, 'GET', `/api/events/${event.id}/certificates`);
if (list.items[0]) {
  const anon = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const ap = await anon.newPage();
  await ap.goto(`${base}/certificates/verify/${list.items[0].verificationCode}`);
  await ap.getByTestId('verify-result').waitFor();
  await ap.screenshot({ path: '/tmp/shot-verify.png', fullPage: true });
}
console.log(JSON.stringify({ eventId: event.id, certs: list.items.length }));
await browser.close();
