import { describe, expect, it } from 'vitest';
import { toPdf } from './export-document';
import { readPdf, squeeze } from './export-readers.testkit';

/** Just what the PDF prints: a document whose body is the given text, with an empty signature sheet. */
const model = (body: string) =>
  ({
    view: { title: 'Положение о сетевом взаимодействии', networkName: 'Сеть', kindLabel: 'Положение', state: 'draft', current: { version: 1, sha256: 'a'.repeat(64), body } },
    timezone: 'Europe/Moscow',
    rows: [],
    intact: true,
    exportedAt: '07.12.2026 10:00:00',
  }) as unknown as Parameters<typeof toPdf>[0];

const filler = (i: number) => `Пункт ${i}. ` + 'Участники сети согласуют планы совместной работы и обмениваются ресурсами. '.repeat(1 + (i % 4));

describe('PDF headings', () => {
  it('never leave a heading alone at the foot of a page: it moves to the page of the text it introduces', async () => {
    const split: number[] = [];
    // Text grows line by line before the heading, so that in one of these documents the heading alone still fits at
    // the foot of page 1 and the text after it does not (without the rule: 9 extra lines, heading on page 1, text on page 2).
    for (let n = 0; n <= 12; n++) {
      const body = [...Array.from({ length: 12 }, (_, i) => filler(i + 1)), `Дополнительно: ${'слово '.repeat(n * 14)}`, '# Заключительные положения', 'Настоящее положение вступает в силу со дня подписания.'].join('\n\n');
      const { pages } = readPdf(await toPdf(model(body), { compress: false }));
      const pageOf = (text: string) => pages.findIndex((page) => squeeze(page).includes(squeeze(text)));
      const heading = pageOf('Заключительные положения');
      expect(heading, `heading missing with ${n} extra lines`).toBeGreaterThanOrEqual(0);
      if (heading !== pageOf('Настоящее положение вступает')) split.push(n);
    }
    expect(split).toEqual([]);
  }, 120_000);
});
