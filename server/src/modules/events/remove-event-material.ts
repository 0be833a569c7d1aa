import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { forbidden, notFound, notSignedIn } from '../../platform/problem';
import { loadVisibleEvent } from './access';
import { materialAccess } from './material-access';
import { eventMaterials } from './material-schema';

/** Loads a material the caller may open (404 otherwise, as a missing one), with its event and the caller's access. */
export async function loadOpenableMaterial(context: CommandContext, materialId: string) {
  const [material] = await context.db.select().from(eventMaterials).where(eq(eventMaterials.id, materialId)).limit(1);
  if (!material) throw notFound('Материал');
  const event = await loadVisibleEvent(context.db, context.actor, material.eventId).catch(() => {
    throw notFound('Материал');
  });
  const access = await materialAccess(context.db, context.actor, event);
  return { material, event, access };
}

/** An organiser removes a material (its file goes with it). */
export async function removeEventMaterial(context: CommandContext, materialId: string) {
  if (!context.actor) throw notSignedIn();
  const { material, access } = await loadOpenableMaterial(context, materialId);
  if (!access.canOpen) throw notFound('Материал');
  if (!access.canManage) throw forbidden('Материалы удаляют организаторы мероприятия.');
  await context.db.transaction(async (tx) => {
    await tx.delete(eventMaterials).where(eq(eventMaterials.id, material.id));
    await recordAudit(tx, context, { action: 'event.material_removed', entityType: 'event', entityId: material.eventId, before: material });
  });
}
