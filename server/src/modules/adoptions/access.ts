import { and, eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { conflict, forbidden, notFound, notSignedIn } from '../../platform/problem';
import { visiblePractices } from '../practices/access';
import { practices } from '../practices/schema';
import { adoptionPolicy, adoptionRefusal } from './policy';
import { practiceAdoptions } from './schema';

export type AdoptionRow = typeof practiceAdoptions.$inferSelect;

/**
 * The adoption a command changes, locked with its practice until the transaction ends: 404 when the caller may not
 * see its practice (the one visibility rule of practices), 403 when they do not work in the adopting organisation,
 * 409 when it moved past `version`. The practice row is locked first, as recording an adoption does, so the
 * adoption count is recomputed by one transaction at a time.
 */
export async function lockAdoption(tx: Database, context: CommandContext, id: string, version: number): Promise<AdoptionRow> {
  if (!context.actor) throw notSignedIn();
  const [seen] = await tx
    .select({ practiceId: practiceAdoptions.practiceId })
    .from(practiceAdoptions)
    .innerJoin(practices, eq(practices.id, practiceAdoptions.practiceId))
    .where(and(eq(practiceAdoptions.id, id), visiblePractices(context.actor)));
  if (!seen) throw notFound('Запись о внедрении');
  await tx.select({ id: practices.id }).from(practices).where(eq(practices.id, seen.practiceId)).for('update');
  const [row] = await tx.select().from(practiceAdoptions).where(eq(practiceAdoptions.id, id)).for('update');
  if (!adoptionPolicy.record(context.actor, row.organizationId)) throw forbidden(adoptionRefusal);
  if (row.version !== version) throw conflict('Запись о внедрении уже изменил другой пользователь. Обновите страницу и внесите правки ещё раз.');
  return row;
}
