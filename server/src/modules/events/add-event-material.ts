import { count, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { Problem, conflict, forbidden, notSignedIn } from '../../platform/problem';
import type { ReceivedUpload } from '../../platform/http/upload';
import { type EventRow, loadVisibleEvent } from './access';
import { materialAccess } from './material-access';
import { acceptUpload } from '../../platform/files/files';
import { materialLimits, materialProblems } from './material-files';
import { type MaterialLink, materialFileTitle } from './material-fields';
import { eventMaterialFiles, eventMaterials } from './material-schema';
import { events } from './schema';
import { presentMaterial } from './list-event-materials';

/** The event, seen and managed by the caller, that may still take materials. */
async function eventToAddTo(context: CommandContext, eventId: string): Promise<EventRow> {
  if (!context.actor) throw notSignedIn();
  const event = await loadVisibleEvent(context.db, context.actor, eventId);
  const access = await materialAccess(context.db, context.actor, event);
  if (!access.canManage) throw forbidden('Материалы добавляют организаторы мероприятия.');
  if (event.state === 'cancelled') throw conflict('Мероприятие отменено — материалы к нему не добавляются.');
  return event;
}

/** Locks the event's row and refuses a material past the event's limit, so two uploads at once cannot pass it. */
async function makeRoom(tx: Database, eventId: string) {
  await tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)).for('update');
  const [{ n }] = await tx.select({ n: count() }).from(eventMaterials).where(eq(eventMaterials.eventId, eventId));
  if (n >= materialLimits.perEvent) {
    throw new Problem(409, 'Слишком много материалов', `У мероприятия уже ${materialLimits.perEvent} материалов. Удалите лишние или соберите файлы в одну папку и добавьте ссылкой.`);
  }
}

/** An organiser adds a link or a recording online to the event's materials. */
export async function addEventMaterialLink(context: CommandContext, eventId: string, input: MaterialLink) {
  const event = await eventToAddTo(context, eventId);
  const row = await context.db.transaction(async (tx) => {
    await makeRoom(tx, event.id);
    const [created] = await tx
      .insert(eventMaterials)
      .values({ eventId: event.id, kind: input.kind, title: input.title, url: input.url, createdBy: context.actor!.userId })
      .returning();
    await recordAudit(tx, context, { action: 'event.material_added', entityType: 'event', entityId: event.id, after: created });
    return created;
  });
  return presentMaterial(row);
}

/**
 * An organiser uploads a file. The caller is authorised before a byte of the file is read; the file is refused
 * past the size limit while it arrives, and when its bytes are not of an accepted type (whatever its name says).
 */
export async function uploadEventMaterial(context: CommandContext, eventId: string, receive: () => Promise<ReceivedUpload>) {
  const event = await eventToAddTo(context, eventId);
  const file = await receive();
  const { recording, data, facts } = acceptUpload(file);
  const { fileName } = facts;
  const parsedTitle = materialFileTitle.safeParse(file.fields.title || undefined);
  if (!parsedTitle.success) throw materialProblems.notAccepted('Название материала — от 2 до 300 символов.');
  const title = parsedTitle.data ?? fileName.replace(/\.[^.]+$/, '');
  const row = await context.db.transaction(async (tx) => {
    await makeRoom(tx, event.id);
    const [created] = await tx
      .insert(eventMaterials)
      .values({
        eventId: event.id,
        kind: recording ? 'recording' : 'file',
        title: title.length >= 2 ? title : fileName,
        ...facts,
        createdBy: context.actor!.userId,
      })
      .returning();
    await tx.insert(eventMaterialFiles).values({ materialId: created.id, content: data });
    await recordAudit(tx, context, { action: 'event.material_added', entityType: 'event', entityId: event.id, after: created });
    return created;
  });
  return presentMaterial(row);
}
