import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { Problem, invalid } from '../problem';

/**
 * Uploaded files kept in the database (event materials, practice attachments): the type recognised by the bytes,
 * the name cleaned up, the problems of a refused file, and the download headers. What a module stores and who may
 * read it stay the module's.
 */
const MB = 1024 * 1024;

export const fileProblems = {
  /** A file past `bytes`: 413 with a Russian hint to compress it or add it as a link. */
  tooLarge: (bytes: number) => () =>
    new Problem(413, 'Файл слишком большой', `Файл больше ${bytes / MB} МБ. Сожмите его или выложите в облако и добавьте ссылкой.`, {
      errors: [{ field: 'file', message: `Больше ${bytes / MB} МБ` }],
    }),
  notAccepted: (detail: string) => invalid(detail, [{ field: 'file', message: 'Файл не принят' }]),
};

interface FileType {
  extensions: string[];
  contentType: string;
  /** Whether the bytes look like this type (its signature); the extension alone is never trusted. */
  matches: (data: Uint8Array) => boolean;
  recording?: boolean;
}

const startsWith = (data: Uint8Array, ...bytes: number[]) => bytes.every((byte, i) => data[i] === byte);
const zip = (data: Uint8Array) => startsWith(data, 0x50, 0x4b, 0x03, 0x04);
const ole = (data: Uint8Array) => startsWith(data, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1);
/** Text: valid UTF-8 without NUL bytes. */
const text = (data: Uint8Array) => {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
};
const isoMedia = (data: Uint8Array) => data.length > 11 && String.fromCharCode(...data.subarray(4, 8)) === 'ftyp';

/**
 * The file types people share: documents, presentations, tables, pictures, short recordings. No HTML, SVG or
 * scripts: whatever is downloaded is served as an attachment with the type found here.
 */
const fileTypes: FileType[] = [
  { extensions: ['pdf'], contentType: 'application/pdf', matches: (d) => startsWith(d, 0x25, 0x50, 0x44, 0x46, 0x2d) },
  { extensions: ['docx'], contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', matches: zip },
  { extensions: ['xlsx'], contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', matches: zip },
  { extensions: ['pptx'], contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', matches: zip },
  { extensions: ['odt'], contentType: 'application/vnd.oasis.opendocument.text', matches: zip },
  { extensions: ['ods'], contentType: 'application/vnd.oasis.opendocument.spreadsheet', matches: zip },
  { extensions: ['odp'], contentType: 'application/vnd.oasis.opendocument.presentation', matches: zip },
  { extensions: ['doc'], contentType: 'application/msword', matches: ole },
  { extensions: ['xls'], contentType: 'application/vnd.ms-excel', matches: ole },
  { extensions: ['ppt'], contentType: 'application/vnd.ms-powerpoint', matches: ole },
  { extensions: ['png'], contentType: 'image/png', matches: (d) => startsWith(d, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
  { extensions: ['jpg', 'jpeg'], contentType: 'image/jpeg', matches: (d) => startsWith(d, 0xff, 0xd8, 0xff) },
  { extensions: ['txt'], contentType: 'text/plain; charset=utf-8', matches: text },
  { extensions: ['csv'], contentType: 'text/csv; charset=utf-8', matches: text },
  { extensions: ['mp3'], contentType: 'audio/mpeg', matches: (d) => startsWith(d, 0x49, 0x44, 0x33) || (d[0] === 0xff && (d[1] & 0xe0) === 0xe0), recording: true },
  { extensions: ['mp4', 'm4a'], contentType: 'video/mp4', matches: isoMedia, recording: true },
];

export const acceptedExtensions = fileTypes.flatMap((t) => t.extensions);

/** The name to keep and show: without the folders a browser may send, without control characters, within 255 characters. */
export function cleanFileName(fileName: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (base || 'файл').slice(0, 255);
}

/**
 * The type of an uploaded file from its extension AND its first bytes; a file whose bytes are not what its
 * name says (an .exe renamed to .pdf) is refused, and so is a type not accepted (an .exe, HTML).
 */
export function recogniseFile(fileName: string, data: Uint8Array): { contentType: string; recording: boolean } {
  if (data.length === 0) throw fileProblems.notAccepted('Файл пустой. Выберите файл с содержимым.');
  const extension = fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';
  const type = fileTypes.find((t) => t.extensions.includes(extension));
  if (!type) {
    throw fileProblems.notAccepted(`Файлы такого типа не принимаются. Можно загрузить: ${acceptedExtensions.join(', ')}. Другие материалы добавьте ссылкой.`);
  }
  if (!type.matches(data)) throw fileProblems.notAccepted(`Содержимое файла не похоже на .${extension}: сохраните его заново в нужном формате.`);
  return { contentType: type.contentType, recording: !!type.recording };
}

/**
 * An upload as a stored file keeps it, or a refusal (`recogniseFile`): the clean name, the type found in its bytes, its
 * size and SHA-256 (`facts`, the row's columns), whether it is a recording, and the bytes to store apart.
 */
export function acceptUpload(upload: { fileName: string; data: Uint8Array }) {
  const fileName = cleanFileName(upload.fileName);
  const { contentType, recording } = recogniseFile(fileName, upload.data);
  const data = Buffer.from(upload.data);
  return { recording, data, facts: { fileName, contentType, byteSize: data.length, sha256: createHash('sha256').update(data).digest('hex') } };
}

/** `Content-Disposition: attachment` with the Russian name for browsers (RFC 6266/5987) and an ASCII stand-in for the rest. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** Sends a stored file as a download of the type the server recognised: an uploaded file never runs as a page of ours. */
export function sendStoredFile(reply: FastifyReply, file: { contentType: string; fileName: string; data: Uint8Array }) {
  return reply
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', attachmentHeader(file.fileName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cache-Control', 'private, no-store')
    .send(file.data);
}
