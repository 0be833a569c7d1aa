import { eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { notFound, notSignedIn } from '../../platform/problem';
import { loadOpenableMaterial } from './remove-event-material';
import { eventMaterialFiles } from './material-schema';

/** An uploaded material's bytes for someone who may open it; 404 for everyone else, as for a missing file. */
export async function openEventMaterial(context: CommandContext, materialId: string) {
  if (!context.actor) throw notSignedIn();
  const { material, access } = await loadOpenableMaterial(context, materialId);
  if (!access.canOpen || !material.fileName) throw notFound('Файл');
  const [file] = await context.db.select({ content: eventMaterialFiles.content }).from(eventMaterialFiles).where(eq(eventMaterialFiles.materialId, material.id)).limit(1);
  if (!file) throw notFound('Файл');
  return { fileName: material.fileName, contentType: material.contentType ?? 'application/octet-stream', sha256: material.sha256, data: file.content };
}
