// Each area's words come with its pages (features/<area>/strings.ts), not with the shell: a page that used an area's
// key without importing that area's strings would show the bare key. This walks the sources and checks every file.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import shellBase from './ru';

const src = path.resolve(__dirname, '../..');
const lazyAreas = readdirSync(path.join(src, 'features')).filter((area) => existsSync(path.join(src, 'features', area, 'strings.ts')));
const shellAreas = [...readFileSync(path.join(__dirname, 'index.ts'), 'utf8').matchAll(/from '\.\.\/\.\.\/features\/([\w-]+)\/i18n'/g)].map((m) => m[1]);
const topKeys = async (area: string) => Object.keys(((await import(`../../features/${area}/i18n.ts`)) as { ru: object }).ru);
const sources = (readdirSync(src, { recursive: true }) as string[]).filter(
  (f) => /\.tsx?$/.test(f) && !/(^|\/)(i18n(\.en)?|strings|english|ru|en)\.ts$/.test(f) && !/\.test\.tsx?$/.test(f),
);

describe('the web app’s words', () => {
  it('are each in one place: the shell’s dictionary or one area’s', async () => {
    const owners = new Map<string, string>();
    for (const key of Object.keys(shellBase)) owners.set(key, 'shared/i18n/ru.ts');
    for (const area of [...shellAreas, ...lazyAreas]) {
      for (const key of await topKeys(area)) {
        expect(owners.get(key), `${key} of ${area}`).toBeUndefined();
        owners.set(key, area);
      }
    }
    expect(lazyAreas.length).toBeGreaterThan(5);
    expect(lazyAreas.filter((a) => shellAreas.includes(a))).toEqual([]);
  });

  it('of an area that loads with its pages are imported (its strings.ts) by every file that uses them', async () => {
    const missing: string[] = [];
    for (const area of lazyAreas) {
      const keys = await topKeys(area);
      const uses = new RegExp(`['"\`](${keys.join('|')})\\.`);
      for (const file of sources) {
        const text = readFileSync(path.join(src, file), 'utf8');
        if (!uses.test(text)) continue;
        let module = path.relative(path.dirname(path.join(src, file)), path.join(src, 'features', area, 'strings'));
        if (!module.startsWith('.')) module = `./${module}`;
        if (!text.includes(`import '${module}';`)) missing.push(`${file}: import '${module}';`);
      }
    }
    expect(missing).toEqual([]);
  });
});
