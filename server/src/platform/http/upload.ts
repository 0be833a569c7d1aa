import type { FastifyRequest } from 'fastify';
import { invalid } from '../problem';

/** The file of a multipart upload (field `file`); `missing` tells the person what to attach when there is none. */
export async function uploadedFile(request: FastifyRequest, missing: string): Promise<{ fileName: string; data: Buffer }> {
  const file = request.isMultipart() ? await request.file() : undefined;
  if (!file) throw invalid(missing, [{ field: 'file', message: 'Файл не выбран' }]);
  return { fileName: file.filename, data: await file.toBuffer() };
}
