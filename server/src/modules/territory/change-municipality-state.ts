import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { presentMunicipality } from './municipality-fields';
import { territoryPolicy } from './policy';
import { municipalities } from './schema';
import { lockMunicipality } from './update-municipality';

async function setArchived(context: CommandContext, id: string, archived: boolean) {
  authorize(context.actor, territoryPolicy.manageMunicipalities);
  const row = await context.db.transaction(async (tx) => {
    const before = await lockMunicipality(tx, id);
    if ((before.archivedAt !== null) === archived) return before;
    const [after] = await tx
      .update(municipalities)
      .set({ archivedAt: archived ? new Date() : null })
      .where(eq(municipalities.id, id))
      .returning();
    await recordAudit(tx, context, {
      action: archived ? 'municipality.archived' : 'municipality.restored',
      entityType: 'municipality',
      entityId: id,
      before: { archivedAt: before.archivedAt },
      after: { archivedAt: after.archivedAt },
    });
    return after;
  });
  return presentMunicipality(row);
}

/**
 * Archives a municipality: its organisations, people and history stay, but it takes no new organisations
 * or staff and leaves the pickers. Archiving twice changes nothing.
 */
export const archiveMunicipality = (context: CommandContext, id: string) => setArchived(context, id, true);

/** Brings an archived municipality back into the pickers and open for new organisations and staff. */
export const restoreMunicipality = (context: CommandContext, id: string) => setArchived(context, id, false);
