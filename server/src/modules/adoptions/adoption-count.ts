import { and, count, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { practices } from '../practices/schema';
import { practiceAdoptions } from './schema';

/**
 * Sets `practices.adoption_count` to the adoptions not stopped, counted afresh inside the caller's transaction. The
 * caller holds the practice's row lock, so two schools adopting at once are counted one after the other and the
 * count stays exact (an increment would drift with any missed path; a recount cannot).
 */
export async function recountAdoptions(tx: Database, practiceId: string) {
  const adopting = tx
    .select({ n: count() })
    .from(practiceAdoptions)
    .where(and(eq(practiceAdoptions.practiceId, practiceId), ne(practiceAdoptions.state, 'stopped')));
  await tx.update(practices).set({ adoptionCount: sql`(${adopting})` }).where(eq(practices.id, practiceId));
}
