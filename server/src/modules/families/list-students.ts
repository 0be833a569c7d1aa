import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { familyPolicy } from './policy';
import { children } from './schema';

/**
 * The children whose guardians name this school as theirs, for the school's staff to confirm:
 * the name, the grade and whether confirmed — nothing more. Optionally only confirmed or unconfirmed.
 */
export async function listStudents(context: CommandContext, schoolId: string, query: { confirmed?: 'true' | 'false' }) {
  authorize(context.actor, (actor) => familyPolicy.viewStudents(actor, schoolId));
  const confirmedFilter =
    query.confirmed === 'true' ? isNotNull(children.homeSchoolConfirmedAt) : query.confirmed === 'false' ? isNull(children.homeSchoolConfirmedAt) : undefined;
  const rows = await context.db
    .select({ id: children.id, fullName: children.fullName, grade: children.grade, confirmedAt: children.homeSchoolConfirmedAt, version: children.version })
    .from(children)
    .where(and(eq(children.homeSchoolId, schoolId), confirmedFilter));
  const items = rows
    .map((row) => ({ ...row, confirmed: row.confirmedAt !== null, sortKey: russianSortKey(row.fullName) }))
    // Unconfirmed first (they wait for the school), then by grade and name.
    .sort((a, b) => Number(a.confirmed) - Number(b.confirmed) || (a.grade ?? 99) - (b.grade ?? 99) || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .map(({ sortKey: _, ...row }) => row);
  return { items, total: items.length, unconfirmed: items.filter((row) => !row.confirmed).length };
}
