import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { notFound } from '../../platform/problem';
import { type MunicipalityChanges, type MunicipalityRow, explainMunicipalityWriteError, presentMunicipality } from './municipality-fields';
import { territoryPolicy } from './policy';
import { municipalities } from './schema';

/** Locks a municipality for a change the operator makes. */
export async function lockMunicipality(tx: Database, id: string): Promise<MunicipalityRow> {
  const [row] = await tx.select().from(municipalities).where(eq(municipalities.id, id)).for('update');
  if (!row) throw notFound('Муниципалитет');
  return row;
}

/** Renames a municipality or moves its centre; the fields not named stay. */
export async function updateMunicipality(context: CommandContext, id: string, changes: MunicipalityChanges) {
  authorize(context.actor, territoryPolicy.manageMunicipalities);
  const row = await context.db
    .transaction(async (tx) => {
      const before = await lockMunicipality(tx, id);
      const [after] = await tx.update(municipalities).set(changes).where(eq(municipalities.id, id)).returning();
      await recordAudit(tx, context, { action: 'municipality.updated', entityType: 'municipality', entityId: id, before: presentMunicipality(before), after: presentMunicipality(after) });
      return after;
    })
    .catch(explainMunicipalityWriteError);
  return presentMunicipality(row);
}
