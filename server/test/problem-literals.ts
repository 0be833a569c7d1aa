import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * The Russian texts in server/src that can reach a problem response, found in the source the way gettext's
 * xgettext finds messages: a Cyrillic string or template inside the arguments of a problem constructor, a zod
 * `error`/`message` or a field error's `message`, a label handed to a call in a file of zod schemas, or any
 * Cyrillic text in a file of problem messages. A template's `${…}` becomes a `{name}` placeholder.
 */
export interface ProblemLiteral {
  file: string;
  line: number;
  /** The text with placeholders, in the catalogue's form. */
  key: string;
}

const CYRILLIC = /[А-Яа-яЁё]/;
const problemCalls = new Set(['Problem', 'invalid', 'conflict', 'forbidden', 'notFound', 'addIssue']);
const messageProperties = new Set(['error', 'message', 'detail', 'format', 'range', 'missing']);
/** Calls whose texts go elsewhere: the bell and the audit log. */
const otherTexts = new Set(['notify', 'recordAudit']);
/** OpenAPI texts of a route, not messages. */
const descriptions = new Set(['summary', 'description', 'tags', 'info']);
/** Files whose every Cyrillic text is problem text: constants and returned phrases composed into problems. */
const messageFiles = [
  'platform/russian-zod.ts',
  'platform/http/problem-handler.ts',
  'modules/accounts/account-tokens.ts',
  'modules/campaigns/campaign-access.ts',
  'modules/enrolments/eligibility.ts',
  'modules/exchanges/exchange-state.ts',
  'platform/imports/read-csv.ts',
  'platform/imports/read-xlsx.ts',
  'platform/imports/read-spreadsheet.ts',
  'platform/imports/spreadsheet-format.ts',
  'platform/imports/spreadsheet-limits.ts',
  'platform/imports/parse-spreadsheet.ts',
  'platform/imports/stored-import.ts',
];
/** Texts that never reach a problem: demo data, test scenarios, documents, letters, the command line. */
const skipped = /(policy\.scenarios|\.testkit|fixtures|\/seed\/|\/demo\/|templates\.ts|letter|\/mail\/|cli\.ts|russian-common-passwords)/;

/** `programme.title` → title, `what` → what, anything else → value. */
function placeholder(expression: ts.Expression): string {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return 'value';
}

function keyOf(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (!ts.isTemplateExpression(node)) return null;
  const used = new Map<string, number>();
  let key = node.head.text;
  for (const span of node.templateSpans) {
    const name = placeholder(span.expression);
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    key += `{${n > 1 ? name + n : name}}${span.literal.text}`;
  }
  return key;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

export function problemLiterals(root = join(import.meta.dirname, '../src')): ProblemLiteral[] {
  const found: ProblemLiteral[] = [];
  for (const path of sourceFiles(root)) {
    const file = relative(root, path);
    if (skipped.test(`/${file}`)) continue;
    const text = readFileSync(path, 'utf8');
    if (!CYRILLIC.test(text)) continue;
    // A file that raises problems composes them from its own texts: all of them count, but route descriptions.
    const wholeFile = messageFiles.includes(file) || /\b(new Problem|invalid|conflict|forbidden|notFound)\(/.test(text);
    const schemaFile = /from 'zod'/.test(text);
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node, inProblem: boolean) => {
      let inside = inProblem || wholeFile;
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
        if (problemCalls.has(name)) inside = true;
        if (otherTexts.has(name)) return;
      }
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && messageProperties.has(node.name.text)) inside = true;
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && descriptions.has(node.name.text) && !ts.isCallExpression(node.initializer)) return;
      // A label handed to a schema helper (`text('Описание', 5000)`) ends up inside its messages.
      const label =
        (schemaFile && node.parent !== undefined && ts.isCallExpression(node.parent) && node.parent.arguments.some((a) => a === node)) ||
        // a default message: `recordVersion(missing = 'Укажите версию записи')`
        (schemaFile && node.parent !== undefined && ts.isParameter(node.parent) && node.parent.initializer === node);
      if (ts.isTaggedTemplateExpression(node)) return; // SQL, not a message
      const key = keyOf(node);
      if (key !== null) {
        if ((inside || label) && CYRILLIC.test(key) && key.length > 1) found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, key });
        if (!ts.isTemplateExpression(node)) return;
      }
      ts.forEachChild(node, (child) => visit(child, inside));
    };
    visit(source, false);
  }
  return found;
}
