import type { FieldError } from '../problem';
import { english } from './english';

/** The languages of problem responses: Russian is the default and the language the code is written in. */
export type Language = 'ru' | 'en';

/**
 * The language a request asks for in Accept-Language (RFC 9110): the supported one with the highest weight,
 * the first of equals; anything else — no header, `de`, `*` — gets Russian.
 */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  let chosen: Language = 'ru';
  let weight = 0;
  for (const range of (acceptLanguage ?? '').split(',')) {
    const [tag, ...parameters] = range.trim().toLowerCase().split(';');
    const base = tag.split('-')[0];
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = q ? Number(q.slice(2)) : 1;
    if ((base === 'ru' || base === 'en') && quality > weight) {
      chosen = base;
      weight = quality;
    }
  }
  return chosen;
}

/** The language of an HTTP request, from its Accept-Language header. */
export const languageOf = (request: { headers: { 'accept-language'?: string } }): Language => preferredLanguage(request.headers['accept-language']);

const CYRILLIC = /[А-Яа-яЁё]/;
const PLACEHOLDER = /\{(\w+)\}/g;

interface Pattern {
  matcher: RegExp;
  names: string[];
  english: string;
  /** Characters of fixed text: the entry with more of them is the more specific and is tried first. */
  fixed: number;
}

const exact = new Map<string, string>();
const patterns: Pattern[] = [];
for (const [russian, translation] of Object.entries(english)) {
  const names = [...russian.matchAll(PLACEHOLDER)].map((m) => m[1]);
  if (!names.length) {
    exact.set(russian, translation);
    continue;
  }
  const parts = russian.split(PLACEHOLDER).filter((_, i) => i % 2 === 0);
  const escaped = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  patterns.push({ matcher: new RegExp(`^${escaped.join('([\\s\\S]*?)')}$`), names, english: translation, fixed: parts.join('').length });
}
patterns.sort((a, b) => b.fixed - a.fixed);

/** An entry for the text, or for it without its closing stop (a message ending a composed sentence). */
function whole(text: string, depth: number): string | null {
  const known = exact.get(text);
  if (known !== undefined) return known;
  const stop = /^([\s\S]*?)([.;:]+)$/.exec(text);
  if (stop && exact.has(stop[1])) return exact.get(stop[1]) + stop[2];
  for (const pattern of patterns) {
    const match = pattern.matcher.exec(text);
    if (!match) continue;
    const values = new Map(pattern.names.map((name, i) => [name, translateText(match[i + 1], depth + 1)]));
    return pattern.english.replace(PLACEHOLDER, (_, name: string) => values.get(name) ?? '');
  }
  return null;
}

/**
 * The English of a Russian problem (or status) text: an entry of the catalogue, or — for a text composed of several
 * messages — its sentences and its `;`-separated parts one by one. What is not Russian, or has no entry
 * (a person's or a school's name inside a message), stays as it is.
 */
export function translateText(text: string, depth = 0): string {
  if (!CYRILLIC.test(text) || depth > 4) return text;
  const found = whole(text, depth);
  if (found !== null) return found;
  for (const separator of [/(?<=[.!?])\s+(?=\S)/, /;\s+/]) {
    const parts = text.split(separator);
    if (parts.length < 2) continue;
    const joiner = separator.source.startsWith(';') ? '; ' : ' ';
    return parts.map((part) => translateText(part, depth + 1)).join(joiner);
  }
  return text;
}

/** The problem's title, detail, field errors and other texts in the language asked for. */
export function problemIn(language: Language, body: { title: string; detail: string } & Record<string, unknown>) {
  if (language === 'ru') return body;
  const translated: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') translated[key] = translateText(value);
    else if (key === 'errors' && Array.isArray(value)) translated[key] = (value as FieldError[]).map((e) => ({ ...e, message: translateText(e.message) }));
    else translated[key] = value;
  }
  return translated as typeof body;
}
