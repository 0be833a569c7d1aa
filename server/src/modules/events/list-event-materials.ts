import { asc, count, eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { loadVisibleEvent } from './access';
import { materialAccess } from './material-access';
import { eventMaterials } from './material-schema';

type MaterialRow = typeof eventMaterials.$inferSelect;

export interface MaterialView {
  id: string;
  kind: MaterialRow['kind'];
  title: string;
  /** A link's address, or the file's download address. */
  url: string;
  fileName: string | null;
  contentType: string | null;
  byteSize: number | null;
  createdAt: Date;
}

export function presentMaterial(row: MaterialRow): MaterialView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    url: row.url ?? `/api/event-materials/${row.id}/file`,
    fileName: row.fileName,
    contentType: row.contentType,
    byteSize: row.byteSize,
    createdAt: row.createdAt,
  };
}

/**
 * The event's materials for those who may open them; to anyone else who sees the event, only how many there
 * are (the page says who they are for).
 */
export async function listEventMaterials(context: CommandContext, eventId: string) {
  const event = await loadVisibleEvent(context.db, context.actor, eventId);
  const access = await materialAccess(context.db, context.actor, event);
  if (!access.canOpen) {
    const [{ n }] = await context.db.select({ n: count() }).from(eventMaterials).where(eq(eventMaterials.eventId, event.id));
    return { ...access, total: n, items: [] as MaterialView[] };
  }
  const rows = await context.db.select().from(eventMaterials).where(eq(eventMaterials.eventId, event.id)).orderBy(asc(eventMaterials.createdAt), asc(eventMaterials.id));
  return { ...access, total: rows.length, items: rows.map(presentMaterial) };
}
