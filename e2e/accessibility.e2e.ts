import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, launchBrowser, signIn } from './browser';

const baseUrl = inject('baseUrl');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A and AA, the level the platform promises. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const VIEWPORTS = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

/** Ids the demo region gives new values on every start; a page's path names them as `:key`. */
type Ids = Record<'lyceum' | 'network' | 'partnership' | 'association' | 'robotics' | 'child' | 'exchange' | 'school31' | 'district' | 'order' | 'annexAgreement' | 'consultation' | 'seminar' | 'certificate' | 'internship' | 'masterClass' | 'openSeminar' | 'practice' | 'reviewRound' | 'reviewAssignment', string>;

interface CheckedPage {
  name: string;
  path: string;
  /** Who looks at it; nobody signed in when left out. */
  as?: string;
  /** After the page has loaded: open the part to check (a popover, a dialog). */
  open?: (page: Page) => Promise<void>;
}

const openBell = async (page: Page) => {
  await page.getByRole('banner').getByRole('button', { name: /^Уведомления/ }).click();
  await page.getByRole('dialog').waitFor();
};

/**
 * The pages checked, each at laptop and phone width. Add a row for a new page: its path (with `:lyceum`, `:network`,
 * `:robotics`, `:child`, `:exchange` for the demo's ids), who looks at it and, if needed, what to open first.
 */
const PAGES: CheckedPage[] = [
  { name: 'home', path: '/' },
  { name: 'registry', path: '/organizations' },
  { name: 'registry search', path: '/organizations?q=лицей' },
  { name: 'organisation card', path: '/organizations/:lyceum' },
  { name: 'resource catalogue', path: '/resources' },
  { name: 'networks list', path: '/networks' },
  { name: 'network: about', path: '/networks/:network' },
  { name: 'network: members', path: '/networks/:network/members' },
  { name: 'network: launch path', path: '/networks/:network/launch' },
  { name: 'network: partnership path', path: '/networks/:partnership/launch' },
  { name: 'network: adapted path and its history', path: '/networks/:association/launch', as: 'operator@orbita.demo' },
  {
    name: 'network: path editor',
    path: '/networks/:partnership/launch',
    as: 'operator@orbita.demo',
    open: async (page) => {
      await page.getByRole('button', { name: 'Изменить путь' }).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  { name: 'network: council', path: '/networks/:network/council', as: 'director@orbita.demo' },
  { name: 'network: council with a parent, a pupil and an enterprise, as its coordinator', path: '/networks/:school31/council', as: 'director31@orbita.demo' },
  {
    name: 'network: adding a pupil to the council',
    path: '/networks/:school31/council',
    as: 'director31@orbita.demo',
    open: async (page) => {
      await page.getByRole('button', { name: 'Добавить в совет' }).click();
      await page.getByRole('dialog').getByLabel('Кого представляет член совета').click();
      await page.getByRole('option', { name: 'Представитель обучающихся' }).click();
    },
  },
  { name: 'network: council as the parent on it', path: '/networks/:school31/council', as: 'parent31@orbita.demo' },
  { name: 'network: elected council with the election minutes', path: '/networks/:district/council', as: 'operator@orbita.demo', open: (page) => page.locator('summary').first().click() },
  { name: 'network: documents', path: '/networks/:network/documents', as: 'director@orbita.demo' },
  { name: 'network: plan', path: '/networks/:network/plan', as: 'director@orbita.demo' },
  { name: 'network: an authority’s order entering the base school into the register', path: '/networks/:district/documents/:order', as: 'head.pvl-komitet@orbita.demo' },
  { name: 'network: a plan annex signed by two heads', path: '/networks/:partnership/documents/:annexAgreement', as: 'director.rostov@orbita.demo' },
  {
    name: 'network: a new document of named parties with a plan annex (the form)',
    path: '/networks/:partnership/documents',
    as: 'director.rostov@orbita.demo',
    open: async (page) => {
      await page.getByRole('button', { name: 'Создать документ' }).click();
      await page.getByRole('combobox', { name: 'Вид документа' }).click();
      await page.getByRole('option', { name: /Договор о совместной деятельности/ }).click();
      await page.getByLabel('Только названные организации').check();
    },
  },
  { name: 'network: exchange picture', path: '/networks/:network/exchange', as: 'director@orbita.demo' },
  { name: 'programmes catalogue', path: '/programmes' },
  { name: 'library of practices', path: '/practices?q=сателиты' },
  { name: 'practice card', path: '/practices/:practice' },
  { name: 'practice card with its review composite and the author’s answer box', path: '/practices/:practice', as: 'director.poreche@orbita.demo' },
  { name: 'expert review: a round, one practice’s reviews side by side', path: '/reviews/rounds/:reviewRound', as: 'operator@orbita.demo', open: (page) => page.getByRole('button', { name: 'Оценки' }).first().click() },
  { name: 'expert review: scoring a practice', path: '/reviews/assignments/:reviewAssignment', as: 'expert3@orbita.demo' },
  { name: 'new practice form, nothing filled in and sent', path: '/practices/new', as: 'director@orbita.demo', open: async (page) => page.getByRole('button', { name: 'Сохранить черновик' }).click() },
  { name: 'programme page', path: '/programmes/:robotics' },
  { name: 'sign-in', path: '/sign-in' },
  { name: 'register', path: '/register' },
  { name: 'forgotten password', path: '/forgot-password' },
  { name: 'certificate verification', path: '/certificates/verify' },
  { name: 'my certificates', path: '/certificates', as: 'teacher@orbita.demo' },
  { name: 'a certificate verified', path: '/certificates/verify/:certificate' },
  { name: 'check-in at the door (the organiser’s phone)', path: '/events/:seminar/check-in', as: 'director@orbita.demo' },
  { name: 'an event’s certificates', path: '/events/:seminar/certificates', as: 'director@orbita.demo' },
  {
    name: 'an event’s certificates: revoking one',
    path: '/events/:seminar/certificates',
    as: 'director@orbita.demo',
    open: async (page) => {
      await page.getByRole('button', { name: /^Отозвать:/ }).first().click();
      await page.getByRole('dialog').waitFor();
    },
  },
  { name: 'desk of a director', path: '/desk', as: 'director@orbita.demo' },
  { name: 'desk of a guardian', path: '/desk', as: 'guardian@orbita.demo' },
  { name: 'desk of a provider', path: '/desk', as: 'head.kld-citt@orbita.demo' },
  { name: 'profile', path: '/profile', as: 'guardian@orbita.demo' },
  { name: 'notifications (the bell open)', path: '/profile', as: 'guardian@orbita.demo', open: openBell },
  { name: 'children', path: '/children', as: 'guardian@orbita.demo' },
  { name: 'child page', path: '/children/:child', as: 'guardian@orbita.demo' },
  { name: 'programme page with the enrolment panel', path: '/programmes/:robotics', as: 'guardian@orbita.demo' },
  { name: 'campaigns', path: '/campaigns', as: 'guardian@orbita.demo' },
  { name: 'exchanges', path: '/exchanges', as: 'director@orbita.demo' },
  { name: 'exchange page', path: '/exchanges/:exchange', as: 'director@orbita.demo' },
  { name: 'organisation card, own', path: '/organizations/:lyceum', as: 'director@orbita.demo' },
  { name: 'students', path: '/organizations/:lyceum/students', as: 'director@orbita.demo' },
  { name: 'staff', path: '/organizations/:lyceum/staff', as: 'director@orbita.demo' },
  { name: 'roster', path: '/programmes/:robotics/roster', as: 'head.kld-citt@orbita.demo' },
  { name: 'event page with sections', path: '/events/:internship' },
  { name: 'event page with the registration panel (a guardian, herself and a child registered)', path: '/events/:openSeminar', as: 'guardian@orbita.demo' },
  { name: 'event page as its organiser (requests to approve)', path: '/events/:masterClass', as: 'director88@orbita.demo' },
  {
    name: 'event: rejecting a request (the dialog)',
    path: '/events/:masterClass',
    as: 'director88@orbita.demo',
    open: async (page) => {
      await page.getByRole('button', { name: /^Отклонить или снять/ }).first().click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'event: adding a speaker (the dialog, a person or a guest)',
    path: '/events/:internship',
    as: 'director.rostov@orbita.demo',
    open: async (page) => {
      await page.getByRole('button', { name: /^Добавить спикера: Геометрия/ }).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  { name: 'new event form (with the place on the map)', path: '/events/new', as: 'director@orbita.demo' },
  { name: 'event edit form (sessions, the place on the map)', path: '/events/:internship/edit', as: 'director.rostov@orbita.demo' },
  { name: 'my event registrations', path: '/events/mine', as: 'guardian@orbita.demo' },
  { name: 'audit log', path: '/audit', as: 'operator@orbita.demo' },
  { name: 'people (admin)', path: '/admin/people', as: 'operator@orbita.demo' },
  { name: 'outbox', path: '/admin/outbox', as: 'operator@orbita.demo' },
  { name: 'events calendar: month', path: '/events' },
  { name: 'events calendar: week', path: '/events?view=week' },
  { name: 'events calendar: list', path: '/events?view=list' },
  {
    name: 'events calendar: a day opened, and a new calendar subscription link',
    path: '/events',
    as: 'director@orbita.demo',
    open: async (page) => {
      await page.getByRole('table').getByRole('button').nth(10).click();
      await page.getByRole('heading', { name: /^Мероприятия \d/ }).waitFor();
      await page.getByRole('button', { name: /Получить ссылку|Создать новую ссылку/ }).click();
      await page.getByText('Скопируйте ссылку сейчас').waitFor();
    },
  },
  { name: 'network: events', path: '/networks/:network/events' },
  { name: 'network: a partnership’s events with its consultation record', path: '/networks/:partnership/events' },
  { name: 'organisation card with its events', path: '/organizations/:lyceum?view=list' },
  { name: 'consultations of a satellite school', path: '/consultations', as: 'director.poreche@orbita.demo' },
  {
    name: 'consultations: the request dialog',
    path: '/consultations',
    as: 'director.poreche@orbita.demo',
    open: async (page) => {
      await page.getByRole('button', { name: 'Запросить консультацию' }).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  { name: 'consultation awaiting a choice of time', path: '/consultations/:consultation', as: 'director.poreche@orbita.demo' },
];

interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** Runs axe-core in the page and returns its WCAG 2.1 AA violations. */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      // label in name (2.5.3) is still "experimental" in axe, so off unless asked for
      rules: { 'label-content-name-mismatch': { enabled: true } },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, WCAG_TAGS);
}

/** One line per element: what is wrong, where, and axe's reason (the contrast figures, the missing name). */
function describeViolations(violations: AxeViolation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => {
      const why = (n.failureSummary ?? '').replace(/^Fix (any|all) of the following:\s*/, '').replace(/\s+/g, ' ');
      return `${v.impact} ${v.id}: ${n.html.replace(/\s+/g, ' ').slice(0, 120)} at ${n.target.join(' ')} — ${why.slice(0, 240)}`;
    }),
  );
}

/** The page has drawn its content: a heading in the main region and no loader left spinning. */
async function settled(page: Page) {
  await page.locator('main h1').first().waitFor({ timeout: 20_000 });
  await expect.poll(() => page.locator('main .mantine-Loader-root:visible').count(), { timeout: 15_000 }).toBe(0);
  // Mantine's transitions (200 ms) must end, or axe measures contrast on half-faded text.
  await page.waitForTimeout(400);
}

describe('accessibility: WCAG 2.1 AA with axe-core', () => {
  let browser: Browser;
  const contexts = new Map<string, BrowserContext>();
  const ids = {} as Ids;

  /** One browser session per person and width, signed in once. */
  async function pageFor(as: string | undefined, viewport: (typeof VIEWPORTS)[number]): Promise<Page> {
    const key = `${as ?? 'public'}@${viewport.width}`;
    let context = contexts.get(key);
    if (!context) {
      // Axe judges what a page settles into. With motion reduced, which the app honours (no fades, no sliding skip
      // link), nothing opened or focused is caught half-faded or half-way in.
      context = await browser.newContext({ locale: 'ru-RU', viewport: { width: viewport.width, height: viewport.height }, bypassCSP: true, reducedMotion: 'reduce' });
      contexts.set(key, context);
      if (as) await signIn(await context.newPage(), baseUrl, as);
    }
    return context.pages()[0] ?? context.newPage();
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    const director = await pageFor('director@orbita.demo', VIEWPORTS[0]);
    const me = await api(director, 'GET', '/api/auth/me');
    ids.lyceum = me.user.memberships[0].organizationId;
    ids.exchange = (await api(director, 'GET', '/api/exchanges')).items[0].id;
    ids.network = (await api(director, 'GET', '/api/networks')).items.find((n: { name: string }) => n.name.startsWith('Калининградский альянс')).id;
    const networks: { id: string; kind: string; name: string }[] = (await api(director, 'GET', '/api/networks')).items;
    ids.partnership = networks.find((n) => n.kind === 'partnership')!.id;
    ids.association = networks.find((n) => n.kind === 'association')!.id;
    ids.school31 = networks.find((n) => n.name.includes('СОШ № 31'))!.id;
    ids.district = networks.find((n) => n.kind === 'district')!.id;
    ids.order = (await api(director, 'GET', `/api/networks/${ids.district}/documents`)).items.find((d: { kind: string }) => d.kind === 'base_school_order').id;
    ids.annexAgreement = (await api(director, 'GET', `/api/networks/${ids.partnership}/documents`)).items.find((d: { hasAnnex: boolean }) => d.hasAnnex).id;
    ids.robotics = (await api(director, 'GET', '/api/programmes')).items.find((p: { title: string }) => p.title.startsWith('Робототехника')).id;
    const events: { id: string; title: string }[] = (await api(director, 'GET', '/api/events?pageSize=100')).items;
    const eventId = (start: string) => events.find((e) => e.title.startsWith(start))!.id;
    ids.internship = eventId('Стажировка учителей математики');
    ids.masterClass = eventId('Мастер-класс центра информатизации');
    ids.openSeminar = eventId('Открытый семинар');
    ids.practice = (await api(director, 'GET', '/api/practices?q=' + encodeURIComponent('школы-сателлиты'))).items[0].id;
    const operator = await pageFor('operator@orbita.demo', VIEWPORTS[0]);
    ids.reviewRound = (await api(operator, 'GET', '/api/review-rounds')).items[0].id;
    const expert = await pageFor('expert3@orbita.demo', VIEWPORTS[0]);
    // The one the demo's expert has yet to score (the scoring form, not the locked view) while it still waits.
    const mine: { id: string; state: string }[] = (await api(expert, 'GET', '/api/review-assignments/mine')).items;
    ids.reviewAssignment = (mine.find((a) => a.state === 'assigned') ?? mine[0]).id;
    const guardian = await pageFor('guardian@orbita.demo', VIEWPORTS[0]);
    ids.child = (await api(guardian, 'GET', '/api/children')).items.find((c: { fullName: string }) => c.fullName.includes('Дарья')).id;
    const poreche = await pageFor('director.poreche@orbita.demo', VIEWPORTS[0]);
    ids.consultation = (await api(poreche, 'GET', '/api/consultations')).find((c: { state: string }) => c.state === 'proposed').id;
    // A seminar of the lyceum under way, the teacher checked in and her certificate issued: the door's and the certificates' pages.
    const start = Date.now() + 3_600_000;
    const draft = await api(director, 'POST', '/api/events', {
      kind: 'seminar',
      title: 'Семинар для проверки доступности',
      organizationId: ids.lyceum,
      audiences: ['teachers'],
      address: 'г. Калининград, лицей № 23',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 3 * 3_600_000).toISOString(),
      capacity: 10,
    });
    ids.seminar = (await api(director, 'POST', `/api/events/${draft.id}/publish`, { version: draft.version })).id;
    const teacher = await pageFor('teacher@orbita.demo', VIEWPORTS[0]);
    const registration = await teacher.evaluate(async (url) => {
      const csrf = (await (await fetch('/api/auth/me')).json()).csrfToken;
      return (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'idempotency-key': crypto.randomUUID() }, body: '{}' })).json();
    }, `/api/events/${ids.seminar}/registrations`);
    await api(director, 'POST', `/api/events/${ids.seminar}/check-in`, { code: registration.checkInCode });
    const seminar = await api(director, 'GET', `/api/events/${ids.seminar}`);
    await api(director, 'PATCH', `/api/events/${ids.seminar}`, { version: seminar.version, startsAt: new Date(Date.now() - 60_000).toISOString() });
    await api(director, 'POST', `/api/events/${ids.seminar}/certificates`, {});
    ids.certificate = (await api(director, 'GET', `/api/events/${ids.seminar}/certificates`)).items[0].verificationCode;
  });
  afterAll(async () => {
    for (const context of contexts.values()) await context.close();
    await browser?.close();
  });

  describe.each(VIEWPORTS)('at $width px', (viewport) => {
    it.each(PAGES)('$name has no critical or serious violations', async (entry) => {
      const page = await pageFor(entry.as, viewport);
      const path = entry.path.replace(/:(\w+)/g, (_, key: keyof Ids) => ids[key]);
      await page.goto(`${baseUrl}${path}`);
      await settled(page);
      if (entry.open) await entry.open(page);
      const violations = await axeViolations(page);
      const others = violations.filter((v) => v.impact !== 'critical' && v.impact !== 'serious');
      // Moderate and minor findings do not fail the run but are shown, so they do not go unseen.
      if (others.length) console.info(`${entry.name} at ${viewport.width} px, not failing:\n${describeViolations(others).join('\n')}`);
      const blocking = describeViolations(violations.filter((v) => v.impact === 'critical' || v.impact === 'serious'));
      expect(blocking, `${entry.name} (${path}) at ${viewport.width} px:\n${blocking.join('\n')}`).toEqual([]);
    });
  });

  describe('keyboard', () => {
    it('the first Tab shows the skip link, which moves focus to the page content', async () => {
      const page = await pageFor(undefined, VIEWPORTS[0]);
      await page.goto(`${baseUrl}/organizations`);
      await settled(page);
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Перейти к основному содержанию' });
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      const box = await skip.boundingBox();
      expect(box && box.y >= 0 && box.y < 100).toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
      // The next Tab goes on from the content, not back to the header.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    });

    it('a focused control shows a visible focus ring', async () => {
      const page = await pageFor(undefined, VIEWPORTS[0]);
      await page.goto(`${baseUrl}/`);
      await settled(page);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const ring = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement!);
        return { tag: document.activeElement!.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(ring.outline, `focused ${ring.tag}`).not.toBe('none');
      expect(ring.width).toBeGreaterThanOrEqual(2);
    });

    it('on a phone the menu button is reached by keyboard and opens the navigation', async () => {
      const page = await pageFor(undefined, VIEWPORTS[1]);
      await page.goto(`${baseUrl}/`);
      await settled(page);
      const burger = page.getByRole('button', { name: 'Открыть меню' });
      for (let i = 0; i < 5 && !(await burger.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
      expect(await burger.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      const navigation = page.getByRole('navigation');
      await expect.poll(() => navigation.getByRole('link', { name: 'Организации', exact: true }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Закрыть меню' }).getAttribute('aria-expanded')).toBe('true');
      // past the header's own controls, Tab goes on into the opened navigation
      const inNavigation = () => page.evaluate(() => !!document.activeElement?.closest('nav'));
      for (let i = 0; i < 6 && !(await inNavigation()); i++) await page.keyboard.press('Tab');
      expect(await inNavigation()).toBe(true);
    });

    it('a dialog keeps focus inside until it is closed', async () => {
      const page = await pageFor('guardian@orbita.demo', VIEWPORTS[0]);
      await page.goto(`${baseUrl}/children`);
      await settled(page);
      await page.getByRole('button', { name: 'Добавить ребёнка' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      for (let i = 0; i < 15; i++) {
        await page.keyboard.press('Tab');
        expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    });
  });
});
