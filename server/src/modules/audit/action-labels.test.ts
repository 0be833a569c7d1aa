import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ru } from '../../../../web/src/features/audit/i18n';
import { en } from '../../../../web/src/features/audit/i18n.en';
import { enrolmentStates } from '../enrolments/schema';
import { exchangeActions } from '../exchanges/schema';

const root = join(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Actions built from a template: each with the values it can take. A new template that writes an action fails the
 * test until it is listed here with its values (and they have labels).
 */
const templates: Record<string, string[]> = {
  'network.member_${answer === \'accept\' ? \'accepted\' : \'declined\'}': ['network.member_accepted', 'network.member_declined'],
  'enrolment.${state}': enrolmentStates.filter((s) => s === 'withdrawn' || s === 'removed').map((s) => `enrolment.${s}`),
  '${kind.entityType}.${action}': ['resource_offer', 'resource_need'].flatMap((kind) => ['created', 'imported', 'updated', 'archived', 'restored'].map((a) => `${kind}.${a}`)),
  'exchange.${event.action}': exchangeActions.map((a) => `exchange.${a}`),
  'programme.${state}': ['programme.published', 'programme.archived'],
  'event_registration.${state}': ['pending', 'registered', 'waitlisted', 'cancelled', 'rejected'].map((s) => `event_registration.${s}`),
  'campaign.${action}': ['campaign.updated', 'campaign.opened', 'campaign.cancelled', 'campaign.allocated'],
};
/** Templates in audit-writing files that make something else of the same shape: an item number, a field path. */
const notActions = new Set(['${prefix}.${index + 1}', 'entries.${i}.councilMemberId', 'scores.${i}.criterionId', 'scores.${i}.score']);

/** Every action and object type the server's source can write to the audit log. */
function recorded() {
  const actions = new Set<string>();
  const entityTypes = new Set<string>(['resource_offer', 'resource_need']);
  const unknownTemplates: string[] = [];
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    if (!/recordAudit\(|auditEntries,|insert\(auditEntries\)/.test(text) || file.includes(join('modules', 'audit'))) continue;
    for (const [, code] of text.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(code);
    for (const [, type] of text.matchAll(/entityType: '([a-z_]+)'/g)) entityTypes.add(type);
    for (const [, template] of text.matchAll(/`((?:[a-z_]+|\$\{[a-zA-Z.]+\})\.[a-z_]*\$\{[^`]*)`/g)) {
      if (notActions.has(template)) continue;
      const values = templates[template];
      if (values) for (const code of values) actions.add(code);
      else unknownTemplates.push(`${relative(root, file)}: \`${template}\``);
    }
  }
  return { actions, entityTypes, unknownTemplates };
}

describe('audit log labels', () => {
  const { actions, entityTypes, unknownTemplates } = recorded();

  it('knows the values of every action built from a template', () => {
    expect(unknownTemplates).toEqual([]);
    expect(actions.size).toBeGreaterThan(100);
  });

  it('has a Russian and an English label for every action the server records, and none for actions it does not', () => {
    for (const labels of [ru.auditActions, en.auditActions]) {
      expect([...actions].filter((code) => !labels[code]).sort()).toEqual([]);
      expect(Object.keys(labels).filter((code) => !actions.has(code))).toEqual([]);
    }
  });

  it('names every kind of object in both languages', () => {
    for (const labels of [ru.auditEntities, en.auditEntities]) {
      expect([...entityTypes].filter((type) => !labels[type]).sort()).toEqual([]);
    }
  });
});
