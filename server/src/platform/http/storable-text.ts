import type { FastifyRequest } from 'fastify';
import { invalid } from '../problem';

/**
 * PostgreSQL cannot keep a NUL byte in text, nor a lone UTF-16 surrogate in UTF-8 (or in jsonb): a query
 * carrying one fails. Such text is refused before any handler runs, naming the field.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (or object key) in `value` that cannot be stored, or null; iterative, so any nesting depth is safe. */
export function unstorableTextPath(value: unknown, root: string): string | null {
  const pending: [unknown, string][] = [[value, root]];
  while (pending.length) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (UNSTORABLE.test(current)) return path;
    } else if (current && typeof current === 'object') {
      for (const [key, inner] of Object.entries(current)) {
        const innerPath = path ? `${path}.${key}` : key;
        if (UNSTORABLE.test(key)) return innerPath;
        pending.push([inner, innerPath]);
      }
    }
  }
  return null;
}

/** preValidation hook: path parameters, query and a parsed body — of every route, with a schema or without. */
export async function rejectUnstorableText(request: FastifyRequest) {
  const field = unstorableTextPath(request.params, '') ?? unstorableTextPath(request.query, '') ?? unstorableTextPath(request.body, '');
  if (field === null) return;
  const name = field || 'тело запроса';
  throw invalid(`Поле «${name}» содержит недопустимые символы (нулевой байт или неполный символ Юникода). Уберите их и повторите.`, [
    { field: name, message: 'Недопустимые символы: нулевой байт или неполный символ Юникода' },
  ]);
}
