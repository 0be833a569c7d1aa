import { z } from 'zod';
import { INT4_MAX } from '../fields';
import { invalid } from '../problem';

/**
 * Where a page of a long list starts, handed to the client as an opaque string (base64url of JSON) and back: after or
 * before a row's order key (keyset: the next page reads from the index where the last one ended, page 2000 costs what
 * page 1 does), or, for an order a key cannot resume (a search's tiers), the rows to skip. `page` is the page's number,
 * for «Показаны 41–60» only: nothing is read by it. `order` is the list's order the cursor was made in, so a cursor of
 * one order is not read in another.
 */
export type PageCursor =
  | { order: string; page: number; after: string[] }
  | { order: string; page: number; before: string[] }
  | { order: string; page: number; offset: number };

const keyValue = z.string().max(1000);
const cursorShape = z.union([
  z.strictObject({ o: z.string().max(40), p: z.number().int().min(2).max(INT4_MAX), a: z.array(keyValue).min(1).max(4) }),
  z.strictObject({ o: z.string().max(40), p: z.number().int().min(1).max(INT4_MAX), b: z.array(keyValue).min(1).max(4) }),
  z.strictObject({ o: z.string().max(40), p: z.number().int().min(1).max(INT4_MAX), s: z.number().int().min(0).max(INT4_MAX) }),
]);

export function encodePageCursor(cursor: PageCursor): string {
  const shape = 'after' in cursor ? { o: cursor.order, p: cursor.page, a: cursor.after } : 'before' in cursor ? { o: cursor.order, p: cursor.page, b: cursor.before } : { o: cursor.order, p: cursor.page, s: cursor.offset };
  return Buffer.from(JSON.stringify(shape)).toString('base64url');
}

/** A cursor that cannot be read in this list: a 400 that says to open the list from its first page. */
export const brokenPageCursor = (detail = 'Ссылка на страницу списка повреждена или устарела. Откройте список с первой страницы.') => invalid(detail, [{ field: 'cursor', message: 'Неверная ссылка на страницу списка' }]);

/**
 * The cursor a client sent back, checked: anything this server did not make, or made for another order, is a 400 —
 * the list is then opened from its first page, nothing is read by a cursor that does not parse.
 */
export function decodePageCursor(text: string, order: string): PageCursor {
  let parsed: z.infer<typeof cursorShape>;
  try {
    parsed = cursorShape.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw brokenPageCursor();
  }
  if (parsed.o !== order) throw brokenPageCursor('Ссылка на страницу списка сделана для другого порядка сортировки. Откройте список с первой страницы.');
  if ('a' in parsed) return { order: parsed.o, page: parsed.p, after: parsed.a };
  if ('b' in parsed) return { order: parsed.o, page: parsed.p, before: parsed.b };
  return { order: parsed.o, page: parsed.p, offset: parsed.s };
}
