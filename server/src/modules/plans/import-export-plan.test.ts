import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
// exceljs's own zip reader; used here only to look inside the DOCX.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../platform/audit/schema';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { seedNetwork } from '../../../test/network-fixtures';
import { planItems } from './schema';

type Cell = string | number | Date | null;

const HEADERS = ['№', 'Мероприятие', 'Начало', 'Окончание', 'Ответственные организации', 'Ответственные лица', 'Ожидаемый результат', 'Статус', 'Выполнение, %'];

async function xlsx(rows: Cell[][], headers: string[] = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('План');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function multipart(fileName: string, data: Buffer) {
  const boundary = 'orbita-plan-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

interface Node {
  number: string;
  activity: string;
  startsOn: string | null;
  endsOn: string | null;
  state: string;
  status: string;
  progress: number;
  responsiblePeople: string;
  expectedResult: string;
  evidence: { kind: string; reference: string } | null;
  responsibleOrganizations: { shortName: string }[];
  children: Node[];
}
const flatten = (items: Node[]): Node[] => items.flatMap((i) => [i, ...flatten(i.children)]);
const comparable = (n: Node) => ({
  number: n.number,
  activity: n.activity,
  startsOn: n.startsOn,
  endsOn: n.endsOn,
  state: n.state,
  progress: n.progress,
  people: n.responsiblePeople,
  result: n.expectedResult,
  evidence: n.evidence,
  organizations: n.responsibleOrganizations.map((o) => o.shortName),
});

describe('plan import and export', () => {
  let t: TestApp;
  let coordinator: Session;
  let networkId: string;
  const Y = new Date().getFullYear() + 1;

  beforeAll(async () => {
    t = await openTestApp();
    coordinator = await t.signIn('orgAdmin');
    networkId = (await seedNetwork(t.handle.db, t.fixtures)).id;
  });
  afterAll(() => t.close());

  const newPlan = async (title = 'План сетевого взаимодействия') =>
    (await t.call('POST', `/api/networks/${networkId}/plans`, { session: coordinator, body: { title } })).json() as { id: string };
  const upload = (planId: string, fileName: string, data: Buffer, query = '') => {
    const { payload, headers } = multipart(fileName, data);
    return t.app.inject({ method: 'POST', url: `/api/plans/${planId}/import${query}`, payload, headers: { ...headers, cookie: coordinator.cookie, 'x-csrf-token': coordinator.csrfToken } });
  };
  const planItemCount = async (planId: string) => Number((await t.handle.db.select({ n: count() }).from(planItems).where(eq(planItems.planId, planId)))[0].n);
  const auditCount = async () => Number((await t.handle.db.select({ n: count() }).from(auditEntries))[0].n);
  const tree = async (planId: string) => flatten((await t.call('GET', `/api/plans/${planId}`, { session: coordinator })).json().items);

  const goodFile = () =>
    xlsx(
      [
        ['1', 'Создание координационного совета округа', `01.09.${Y}`, `30.09.${Y}`, 'СОШ № 1', 'Иванова А. П.', 'Совет сформирован', 'Выполнено', null],
        ['2', 'Инвентаризация ресурсов участников округа', `октябрь ${Y}`, `декабрь ${Y}`, 'СОШ №1, сош № 2', '', 'Реестр ресурсов округа', 'В работе', null],
        ['2.1', 'Кадровые ресурсы', new Date(Date.UTC(Y, 9, 1)), new Date(Date.UTC(Y, 9, 31)), 'СОШ № 2', 'Петров И. И.', '', 'в работе', '40 %'],
        ['2.2', 'Материально-технические ресурсы', `01.11.${Y}`, `30.11.${Y}`, '', '', '', '', 0.25],
        ['3', 'Анкетирование родителей', '', '31.01.2020', 'СОШ № 2', '', 'Отчёт об анкетировании', 'Запланировано', '0'],
      ],
      [...HEADERS, 'Примечание'],
    );

  it('previews a file: nesting from the numbers, Russian dates, member names, statuses and percentages; nothing is written', async () => {
    const plan = await newPlan();
    const audits = await auditCount();
    const response = await upload(plan.id, 'plan.xlsx', await goodFile());
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview).toMatchObject({ fileName: 'plan.xlsx', mode: 'append', total: 5, errors: [], ignoredColumns: ['Примечание'], existingItems: 0, canCommit: true });
    expect(preview.rows.map((r: { number: string; parentRow: number | null }) => `${r.number}←${r.parentRow}`)).toEqual(['1←null', '2←null', '2.1←3', '2.2←3', '3←null']);
    const [council, inventory, staff, facilities, survey] = preview.rows;
    expect(council).toMatchObject({ startsOn: `${Y}-09-01`, endsOn: `${Y}-09-30`, state: 'done', progress: 100, responsiblePeople: 'Иванова А. П.' });
    expect(inventory).toMatchObject({ startsOn: `${Y}-10-01`, endsOn: `${Y}-12-31`, state: 'in_progress' });
    expect(inventory.responsibleOrganizations.map((o: { shortName: string }) => o.shortName)).toEqual(['СОШ № 1', 'СОШ № 2']);
    expect(staff).toMatchObject({ startsOn: `${Y}-10-01`, endsOn: `${Y}-10-31`, state: 'in_progress', progress: 40 });
    expect(facilities).toMatchObject({ state: 'planned', progress: 25 });
    expect(survey).toMatchObject({ status: 'overdue', overdue: true });
    expect(await planItemCount(plan.id)).toBe(0);
    expect(await auditCount()).toBe(audits);
  });

  it('lists every bad cell by row and column in Russian, and a commit of such a file writes nothing', async () => {
    const plan = await newPlan();
    const file = await xlsx([
      ['1', 'Методический семинар', `01.09.${Y}`, `31.02.${Y}`, 'СОШ № 1', '', '', '', ''],
      ['2', 'Конференция школьников', `01.10.${Y}`, `01.09.${Y}`, 'Гимназия № 5', '', '', 'Просрочено', ''],
      ['2', 'Олимпиада', '', '', '', '', '', 'Сделано', '150'],
      ['3.1', 'Спартакиада', '', '', '', '', '', 'Выполнено', '50'],
      ['4', '', `01.09.${Y}`, '', 'СОШ № 1', '', 'Что-то', '', ''],
      ['1.а', 'Концерт', 'скоро', '', '', '', '', '', ''],
    ]);
    const preview = (await upload(plan.id, 'plan.xlsx', file)).json();
    expect(preview.canCommit).toBe(false);
    const errors = preview.errors.map((e: { row: number; column: string; message: string }) => `${e.row} ${e.column}: ${e.message}`);
    expect(errors).toEqual([
      expect.stringMatching(/^2 Окончание: Такой даты нет: «31\.02\./),
      expect.stringMatching(/^3 Окончание: Окончание не может быть раньше начала/),
      expect.stringMatching(/^3 Ответственные организации: «Гимназия № 5» — нет среди действующих участников сети\. Пишите краткие наименования через запятую: СОШ № 1, СОШ № 2/),
      expect.stringMatching(/^3 Статус: «Просрочено» ставится само/),
      expect.stringMatching(/^4 №: Номер 2 уже есть в строке 3/),
      expect.stringMatching(/^4 Статус: Неизвестный статус «Сделано»\. Допустимые: Запланировано, В работе, Выполнено, Отменено/),
      expect.stringMatching(/^4 Выполнение, %: Выполнение — от 0 до 100 %/),
      expect.stringMatching(/^5 №: Нет пункта 3, в который входит пункт 3\.1/),
      expect.stringMatching(/^5 Выполнение, %: У выполненного пункта выполнение — 100 %/),
      expect.stringMatching(/^6 Мероприятие: Опишите мероприятие/),
      expect.stringMatching(/^7 №: «1\.а» — не номер пункта/),
      expect.stringMatching(/^7 Начало: «скоро» — не дата/),
    ]);

    const audits = await auditCount();
    const commit = await upload(plan.id, 'plan.xlsx', file, '?commit=true');
    expect(commit.statusCode).toBe(400);
    expect(commit.headers['content-type']).toContain('application/problem+json');
    expect(commit.json().detail).toContain('Ничего не записано');
    expect(commit.json().errors).toHaveLength(12);
    expect(commit.json().errors[0]).toMatchObject({ field: 'file', row: 2, column: 'Окончание' });
    expect(await planItemCount(plan.id)).toBe(0);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses files it cannot read as a plan, with a Russian problem', async () => {
    const plan = await newPlan();
    const noActivity = await upload(plan.id, 'plan.xlsx', await xlsx([['Совет']], ['Название']));
    expect(noActivity.statusCode).toBe(400);
    expect(noActivity.json().detail).toContain('нет столбца «Мероприятие»');
    const twoPeriods = await upload(plan.id, 'plan.csv', Buffer.from('Мероприятие;Сроки;Начало\nСовет;2025;01.01.2025\n'));
    expect(twoPeriods.json().detail).toContain('Сроки указаны дважды');
    const notMultipart = await t.call('POST', `/api/plans/${plan.id}/import`, { session: coordinator, body: {} });
    expect(notMultipart.statusCode).toBe(400);
    expect(notMultipart.json().errors).toEqual([{ field: 'file', message: 'Файл не выбран' }]);
    const badMode = await upload(plan.id, 'plan.xlsx', await goodFile(), '?commit=true&mode=merge');
    expect(badMode.statusCode).toBe(400);
    expect(await planItemCount(plan.id)).toBe(0);
  });

  it('commits all rows in one go, after the plan’s own items, with an audit entry for each', async () => {
    const plan = await newPlan();
    await t.call('POST', `/api/plans/${plan.id}/items`, { session: coordinator, body: { activity: 'Приказ о создании округа' } });
    const response = await upload(plan.id, 'plan.xlsx', await goodFile(), '?commit=true');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ created: 5, removed: 0 });
    const items = flatten(response.json().plan.items);
    expect(items.map((i) => `${i.number} ${i.activity}`)).toEqual([
      '1 Приказ о создании округа',
      '2 Создание координационного совета округа',
      '3 Инвентаризация ресурсов участников округа',
      '3.1 Кадровые ресурсы',
      '3.2 Материально-технические ресурсы',
      '4 Анкетирование родителей',
    ]);
    const imported = await t.handle.db.select().from(auditEntries).where(eq(auditEntries.action, 'plan_item.imported'));
    expect(imported.filter((e) => (e.after as { planId: string }).planId === plan.id)).toHaveLength(5);
    const [summary] = await t.handle.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'plan.items_imported'), eq(auditEntries.entityId, plan.id)));
    expect(summary).toMatchObject({ entityId: plan.id, actorId: t.fixtures.actors.orgAdmin!.userId, after: { fileName: 'plan.xlsx', mode: 'append', created: 5, removed: 0 } });
  });

  it('reads the «Сроки» column of a plan-graph like the one in seed 001', async () => {
    const plan = await newPlan('План-график развития сети');
    const csv = [
      'Мероприятие;Сроки;Ожидаемый результат',
      'Проведение серии семинаров для руководителей ОУ по вопросам сетевого взаимодействия;Апрель – сентябрь 2009;Формирование новых компетенций у руководителей',
      'Создание нормативно-правовых условий дистанционного обучения;Август 2007 – август 2009;Обеспечение образовательного процесса с использованием ИКТ',
      'Создание баз данных сайтов образовательных учреждений;2007–2009;Использование ресурсов для управленческих решений',
      'Организация работы со СМИ;В течение года (еженедельно);Формирование положительного общественного мнения',
    ].join('\n');
    const preview = (await upload(plan.id, 'plan-graph.csv', Buffer.from(csv))).json();
    expect(preview.rows.map((r: { startsOn: string; endsOn: string }) => [r.startsOn, r.endsOn])).toEqual([
      ['2009-04-01', '2009-09-30'],
      ['2007-08-01', '2009-08-31'],
      ['2007-01-01', '2009-12-31'],
    ]);
    expect(preview.errors).toEqual([{ row: 5, column: 'Сроки', message: expect.stringContaining('не дата') }]);
  });

  it('exports XLSX that re-imports into the same plan', async () => {
    const plan = await newPlan();
    await upload(plan.id, 'plan.xlsx', await goodFile(), '?commit=true');
    const [first] = await tree(plan.id);
    await t.call('PATCH', `/api/plan-items/${(await t.handle.db.select().from(planItems).where(eq(planItems.activity, first.activity)))[0].id}`, {
      session: coordinator,
      body: { version: 1, evidence: { kind: 'link', reference: 'https://school1.example.ru/council' } },
    });
    const before = await tree(plan.id);

    const exported = await t.call('GET', `/api/plans/${plan.id}/export?format=xlsx`, { session: coordinator });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    expect(exported.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('План сетевого взаимодействия')}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...HEADERS, 'Вид подтверждения', 'Подтверждение']);
    expect((sheet.getRow(4).values as unknown[]).slice(1, 3)).toEqual(['2.1', 'Кадровые ресурсы']);

    const copy = await newPlan('Копия');
    await t.call('POST', `/api/plans/${copy.id}/items`, { session: coordinator, body: { activity: 'Будет заменён' } });
    const replaced = await upload(copy.id, 'export.xlsx', exported.rawPayload, '?commit=true&mode=replace');
    expect(replaced.statusCode, replaced.body).toBe(201);
    expect(replaced.json()).toMatchObject({ created: 5, removed: 1 });
    expect((await tree(copy.id)).map(comparable)).toEqual(before.map(comparable));
  });

  it('exports DOCX with the plan-graph table: №, activity, period, responsible, expected result, status', async () => {
    const plan = await newPlan('План совместных действий на учебный год');
    await upload(plan.id, 'plan.xlsx', await goodFile(), '?commit=true');
    const response = await t.call('GET', `/api/plans/${plan.id}/export?format=docx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(response.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    for (const expected of ['№', 'Мероприятие', 'Сроки', 'Ответственные', 'Ожидаемый результат', 'Статус', 'План совместных действий на учебный год', 'Школьный округ «Первый»']) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(`2.1|Кадровые ресурсы|Октябрь ${Y}|СОШ № 2|Петров И. И.|`);
    expect(text).toContain(`Сентябрь ${Y}|СОШ № 1|Иванова А. П.|Совет сформирован|Выполнено`);
    expect(text).toContain('Анкетирование родителей|до 31.01.2020|СОШ № 2|Отчёт об анкетировании|Просрочено');
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).toContain('<w:tblHeader/>');
  });
});
