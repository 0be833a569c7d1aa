import { describe, expect, it } from 'vitest';
import { parseBody } from './body-blocks';
import { canonicalJson, versionSha256 } from './hashing';
import { BLANK, type TemplateContext, fillPlaceholders, renderTemplate } from './templates';
import { documentKinds } from './schema';

const context = (overrides: Partial<TemplateContext['network']> = {}): TemplateContext => ({
  network: { name: 'Альянс «Балтика»', kind: 'alliance', strategicGoal: '', tacticalGoals: [], directions: ['Профильное обучение'], description: '', territory: ['Калининград'], quorumPercent: 60, majority: 'two_thirds', ...overrides },
  managing: { fullName: 'МАОУ «Гимназия № 1»', shortName: 'Гимназия № 1', headName: 'Петров Пётр Петрович', address: 'г. Калининград' },
  members: [
    { fullName: 'МАОУ «Гимназия № 1»', shortName: 'Гимназия № 1', headName: 'Петров Пётр Петрович', address: 'г. Калининград', role: 'member' },
    { fullName: 'МАОУ СОШ № 5', shortName: 'СОШ № 5', headName: '', address: '', role: 'partner' },
  ],
  now: new Date('2025-03-14T21:30:00Z'),
  timezone: 'Europe/Moscow',
  acceding: { fullName: 'МАОУ Лицей № 18', shortName: 'Лицей № 18', headName: 'Сидорова Анна Ивановна', address: 'г. Калининград' },
  parent: { title: 'Договор о совместной деятельности', signedAt: new Date('2025-02-01T09:00:00Z') },
  authority: { fullName: 'Комитет по образованию Администрации Павловского района', shortName: 'Комитет по образованию', headName: 'Кондратьева Лариса Ивановна', address: 'с. Павловск' },
  baseSchool: { fullName: 'МБОУ «Павловская СОШ № 1»', shortName: 'Павловская СОШ № 1', headName: 'Черкасов Владимир Николаевич', address: 'с. Павловск, ул. Калинина, д. 11' },
  exchange: {
    provider: { fullName: 'МАОУ «Гимназия № 1»', shortName: 'Гимназия № 1', headName: 'Петров Пётр Петрович', address: 'г. Калининград' },
    requester: { fullName: 'МАОУ СОШ № 5', shortName: 'СОШ № 5', headName: '', address: '' },
    resource: { title: 'Лаборатория робототехники', category: 'facilities', description: 'Наборы LEGO и Arduino,\n- 12 рабочих мест', mobility: 'on_site' },
    conditions: 'exchange',
    startsOn: '2025-09-01',
    endsOn: '2026-05-31',
    terms: '',
  },
});

describe('document templates', () => {
  it('promise nothing Orbita does not do: no network library, analytical report or educational map', () => {
    for (const kind of documentKinds) {
      const { body } = renderTemplate(kind, context());
      expect(body, kind).not.toMatch(/библиотек[аеиу] сети|аналитическ|образовательн[а-я]* карт/i);
    }
  });

  it('a document of named parties lists and names only them; an annex adds its clause', () => {
    const named = renderTemplate('agreement', { ...context(), partyScope: 'named', annex: { title: 'План совместных действий' } });
    expect(named.title).toBe('Соглашение о сотрудничестве Гимназия № 1 и СОШ № 5 в сети Альянс «Балтика»');
    expect(named.body).not.toContain('соглашения о присоединении');
    expect(named.body).toContain('Приложение 1 — «План совместных действий». Приложение является неотъемлемой частью документа');
    const order = renderTemplate('base_school_order', context());
    expect(order.title).toBe('Приказ о внесении Павловская СОШ № 1 в реестр базовых школ');
    expect(order.body).toContain('Внести МБОУ «Павловская СОШ № 1» (адрес: с. Павловск, ул. Калинина, д. 11) в реестр базовых школ со дня подписания настоящего приказа.');
  });

  it('fill every placeholder of every kind and leave blanks where the network has no value', () => {
    for (const kind of documentKinds) {
      const { title, body } = renderTemplate(kind, context());
      expect(`${title}\n${body}`, kind).not.toMatch(/\{\{/);
      expect(body.length, kind).toBeGreaterThan(500);
      expect(parseBody(body).some((b) => b.type === 'heading'), kind).toBe(true);
    }
    const agreement = renderTemplate('agreement', context()).body;
    expect(agreement).toContain(`Стратегическая цель совместной деятельности: ${BLANK}.`);
    expect(agreement).toContain('руководитель — ________________');
    expect(agreement).toContain('- Профильное обучение');
    // Dates are the region's: 21:30 UTC on the 14th is already the 15th in Moscow.
    expect(agreement.startsWith('15 марта 2025 г.')).toBe(true);
    // The council regulation says what the tally applies: the council's own seats, the network's settings.
    const regulation = renderTemplate('council_regulation', context()).body;
    expect(regulation).toContain('4.2. Решение Совета правомочно, если в голосовании приняли участие не менее 60 % организаций, представленных в Совете');
    expect(regulation).toContain('не менее чем двумя третями голосов');
    expect(regulation).toContain('при равенстве голосов решение считается не принятым');
    expect(regulation).toContain('2.3. Каждая организация, представленная в Совете, имеет один голос.');
    expect(regulation).toContain('заявки на вступление рассматривает координатор сети');
    const byAttendance = renderTemplate('council_regulation', context({ quorumBasis: 'attendance', majority: 'simple', chairCastingVote: true, voteUnit: 'seat', admission: 'council', exchangesVisibleToCouncil: true })).body;
    expect(byAttendance).toContain('4.2. Заседание правомочно, если на нём присутствуют не менее 60 % членов Совета с правом голоса; при голосовании учитываются голоса присутствующих.');
    expect(byAttendance).toContain('простым большинством голосов, поданных «за» и «против» (воздержавшиеся учитываются только для кворума); при равенстве голосов решающим является голос председателя.');
    expect(byAttendance).toContain('2.3. Каждый член Совета с правом голоса имеет один голос.');
    expect(byAttendance).toContain('принимает решения о принятии новых участников');
    expect(byAttendance).toContain('видит обмены ресурсами между участниками');
    expect(renderTemplate('network_plan', context()).title).toBe('План сетевого взаимодействия сети Альянс «Балтика» на 2024/2025 учебный год');
    expect(renderTemplate('agreement', context({ name: 'Северный' })).title).toContain('сети «Северный»');
    const accession = renderTemplate('accession', context());
    expect(accession.title).toBe('Соглашение о присоединении Лицей № 18 к документу «Договор о совместной деятельности»');
    expect(accession.body).toContain('подписанному участниками сети Альянс «Балтика» 1 февраля 2025 г.');
    const exchange = renderTemplate('resource_exchange', context());
    expect(exchange.title).toBe('Соглашение об обмене ресурсами: «Лаборатория робототехники» (Гимназия № 1 — СОШ № 5)');
    expect(exchange.body).toContain('МАОУ «Гимназия № 1» (руководитель — Петров Пётр Петрович, действует на основании устава; далее — Предоставляющая сторона) и МАОУ СОШ № 5 (руководитель — ________________');
    expect(exchange.body).toContain('ресурс «Лаборатория робототехники» (категория: материально-технические ресурсы)');
    expect(exchange.body).toContain('1.5. Срок предоставления: с 1 сентября 2025 г. по 31 мая 2026 г.\n');
    expect(exchange.body).toContain('1.4. Условия предоставления: на условиях взаимного обмена ресурсами между Сторонами.');
    expect(exchange.body).toContain('1.6. Условия, согласованные Сторонами: иных условий Стороны не согласовывали.');
    // Typed text stays inside its clause: a line starting with «-» would otherwise become a bullet of the agreement.
    expect(exchange.body).toContain('1.2. Описание ресурса: Наборы LEGO и Arduino, - 12 рабочих мест');
  });

  it('keeps an unknown placeholder visible instead of silently dropping it', () => {
    expect(fillPlaceholders('{{network.name}} и {{nobody.knows}}', { 'network.name': 'Сеть' })).toBe('Сеть и {{nobody.knows}}');
  });

  it('parses the body into headings, bullets and paragraphs that keep their line breaks', () => {
    expect(parseBody('Преамбула\nвторая строка\n\n# 1. Раздел\n## 1.1. Подраздел\n1.1. Пункт\n- один\n* два\r\n\n\nКонец')).toEqual([
      { type: 'paragraph', lines: ['Преамбула', 'вторая строка'] },
      { type: 'heading', level: 1, text: '1. Раздел' },
      { type: 'heading', level: 2, text: '1.1. Подраздел' },
      { type: 'paragraph', lines: ['1.1. Пункт'] },
      { type: 'bullet', text: 'один' },
      { type: 'bullet', text: 'два' },
      { type: 'paragraph', lines: ['Конец'] },
    ]);
  });

  it('hashes canonically: key order does not matter, title and body both do', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
    expect(versionSha256('Договор', 'Текст')).toMatch(/^[0-9a-f]{64}$/);
    expect(versionSha256('Договор', 'Текст')).not.toBe(versionSha256('Договор ', 'Текст'));
    expect(versionSha256('Договор', 'Текст')).not.toBe(versionSha256('Договор', 'Текст.'));
  });
});
