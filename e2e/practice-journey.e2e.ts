import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, launchBrowser, mainText, signIn } from './browser';

const baseUrl = inject('baseUrl');
const SHOTS = '/tmp/e2e17-shots';
/** Five people in turn on a small shared machine. */
const JOURNEY_TIMEOUT = 420_000;
const POLL = { timeout: 30_000 };
const TITLE = 'Робототехника для сельских школ: занятия по выходным';

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

describe('the library of practices: published, reviewed by two experts, found by a misspelt word and adopted', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const as = async (email: string) => {
    const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, baseUrl, email);
    return page;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser.close();
  });

  it(
    'a teacher of school No. 88 submits a practice; the operator opens a round and assigns two experts; both score it; the composite is published on the card; a rural school finds it as «робототехнка» and records adopting it',
    async () => {
      // The teacher writes the practice in the form and sends it for review.
      const teacher = await as('teacher88@orbita.demo');
      await teacher.goto(`${baseUrl}/practices/new`);
      await teacher.getByLabel('Название').fill(TITLE);
      await teacher.getByRole('combobox', { name: 'Направление' }).click();
      await teacher.getByRole('option', { name: 'Информатизация образования' }).click();
      await teacher.getByRole('checkbox', { name: 'Основное' }).check();
      await teacher.getByRole('checkbox', { name: 'Ученики' }).check();
      await teacher.getByLabel('Какую проблему решает').fill('В сельских школах нет учителя робототехники и наборов конструкторов.');
      await teacher.getByLabel('Описание').fill('Школа № 88 по субботам ведёт сетевые занятия по робототехнике для учеников сельских школ: наборы конструкторов возят по графику, занятия идут в смешанном формате.');
      await teacher.getByLabel('Результаты').fill('За год 120 учеников из 6 сельских школ собрали и запрограммировали первых роботов; 14 вышли на региональную олимпиаду.');
      await teacher.getByRole('button', { name: 'Сохранить' }).click();
      await teacher.waitForURL((url) => /^\/practices\/[0-9a-f-]{36}$/.test(url.pathname), POLL);
      const practiceUrl = teacher.url();
      await teacher.getByRole('button', { name: 'Отправить на экспертизу' }).click();
      await teacher.getByRole('dialog').getByRole('button', { name: 'Отправить на экспертизу' }).click();
      await expect.poll(() => mainText(teacher), POLL).toContain('На рассмотрении');
      expect(await mainText(teacher)).toContain('Практика ещё не опубликована');

      // The operator opens a winter round with the region's rubric, adds the practice and picks two experts by hand.
      const operator = await as('operator@orbita.demo');
      await operator.goto(`${baseUrl}/reviews`);
      await operator.getByRole('button', { name: 'Новый раунд' }).click();
      const roundForm = operator.getByRole('dialog');
      await roundForm.getByLabel('Название раунда').fill('Зимняя экспертиза практик');
      await roundForm.getByRole('combobox', { name: 'Рубрика' }).click();
      await operator.getByRole('option', { name: 'Региональные критерии экспертизы практик' }).click();
      const deadline = roundForm.getByRole('textbox', { name: /Срок оценки/ });
      const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000);
      await deadline.fill(`${String(inTwoWeeks.getDate()).padStart(2, '0')}.${String(inTwoWeeks.getMonth() + 1).padStart(2, '0')}.${inTwoWeeks.getFullYear()}`);
      await deadline.press('Tab');
      await roundForm.getByRole('button', { name: 'Новый раунд' }).click();
      await operator.waitForURL((url) => url.pathname.startsWith('/reviews/rounds/'), POLL);
      const roundUrl = operator.url();
      await operator.getByRole('button', { name: 'Добавить практику' }).click();
      const addForm = operator.getByRole('dialog');
      await addForm.getByLabel('Найти практику').fill(TITLE);
      await addForm.getByRole('listitem').filter({ hasText: TITLE }).getByRole('button', { name: 'Добавить' }).click();
      await expect.poll(() => mainText(operator), POLL).toContain('Ждёт экспертов'.toUpperCase());
      for (const name of ['Белова Ирина Сергеевна', 'Орлов Денис Викторович']) {
        await operator.getByRole('button', { name: 'Назначить эксперта' }).click();
        await operator.getByRole('dialog').getByRole('listitem').filter({ hasText: name }).getByRole('button').click();
        await operator.getByRole('dialog').waitFor({ state: 'hidden' });
      }
      await shot(operator, 'round-assigned');

      // Each expert scores every criterion from «Мои экспертизы»: 25 points apart at most, the round's threshold.
      for (const [email, topCriteria] of [['expert@orbita.demo', 0], ['expert2@orbita.demo', 3]] as const) {
        const expert = await as(email);
        await expert.goto(`${baseUrl}/reviews`);
        await expert.getByRole('link', { name: TITLE }).click();
        await expert.waitForURL((url) => url.pathname.startsWith('/reviews/assignments/'), POLL);
        const threes = expert.getByRole('radio', { name: '3', exact: true });
        await threes.first().waitFor(POLL);
        const criteria = await threes.count();
        expect(criteria).toBe(5);
        for (let i = 0; i < criteria; i++) {
          if (i < topCriteria) await expert.getByRole('radio', { name: /^4 — / }).nth(i).check();
          else await threes.nth(i).check();
        }
        await expert.getByRole('textbox', { name: /Комментарий к критерию/ }).first().fill('Практика решает настоящую проблему сельских школ.');
        await shot(expert, `scoring-${email}`);
        await expert.getByRole('button', { name: 'Отправить оценку' }).click();
        await expert.getByRole('dialog').getByRole('button', { name: 'Отправить оценку' }).click();
        await expert.getByText('Оценка отправлена').first().waitFor(POLL);
      }

      // Both reviews are in: the operator publishes the composite, and with it the reviewed version.
      await operator.goto(roundUrl);
      await expect.poll(() => mainText(operator), POLL).toContain('Готова к публикации'.toUpperCase());
      await operator.getByRole('button', { name: 'Опубликовать оценку' }).click();
      await operator.getByRole('dialog').getByRole('button', { name: 'Опубликовать оценку' }).click();
      await operator.getByText('Оценка опубликована').first().waitFor(POLL);

      // Per criterion the mean of 75 and 100 (87.5) where the second expert gave 4, else 75; the card shows each.
      await teacher.goto(practiceUrl);
      await teacher.getByText('Общая оценка', { exact: false }).first().waitFor(POLL);
      const card = await mainText(teacher);
      expect(card).toContain('Оценена версия 1');
      expect(card).toMatch(/Актуальность \(вес 2\)\s+87,5 \/ 100/);
      expect(card).toMatch(/Тиражируемость \(вес 2\)\s+75 \/ 100/);
      expect(card).toContain('Практика решает настоящую проблему сельских школ.');
      expect(card).not.toContain('Практика ещё не опубликована');
      await shot(teacher, 'card-reviewed');

      // The Poreche school (low results, a satellite of the Kekin gymnasium) misspells the word and still finds it.
      const school = await as('director.poreche@orbita.demo');
      await school.goto(`${baseUrl}/practices?q=${encodeURIComponent('робототехнка')}`);
      await school.getByRole('link', { name: TITLE }).click();
      await school.getByRole('button', { name: 'Внедряем у себя' }).click();
      const adoption = school.getByRole('dialog');
      await adoption.getByLabel('Что меняете у себя').fill('Подключаем 5–7 классы к субботним занятиям; наборы берём у школы № 88 по графику.');
      await adoption.getByRole('button', { name: 'Записать внедрение' }).click();
      await school.getByText('Внедрение записано', { exact: false }).first().waitFor(POLL);
      await expect.poll(() => mainText(school), POLL).toContain('Кто внедрил (1)');
      expect(await mainText(school)).toContain('МОУ Поречская СОШ');
      await shot(school, 'card-adopted');

      // The teacher, an author, is told of the review and of the adoption.
      const told = await api<{ items: { title: string; link: string }[] }>(teacher, 'GET', '/api/notifications');
      const aboutPractice = told.items.filter((n) => practiceUrl.endsWith(n.link)).map((n) => n.title);
      expect(aboutPractice).toEqual(expect.arrayContaining(['Опубликован итог экспертизы практики', 'МОУ Поречская СОШ внедряет вашу практику']));
    },
    JOURNEY_TIMEOUT,
  );
});
