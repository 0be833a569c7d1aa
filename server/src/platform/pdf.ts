import { createRequire } from 'node:module';

/** The part of pdfmake 0.3's server API we use (the package ships no typings). */
export interface PdfMake {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
  setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: Record<string, unknown>): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let pdfmake: PdfMake | null = null;

/**
 * One pdfmake for every module that writes PDFs (documents, certificates): Roboto (which covers Cyrillic) loaded from the package's own virtual file system,
 * and with no access to URLs or local files: a document's text can never make it fetch anything.
 */
export function loadPdfMake(): PdfMake {
  if (pdfmake) return pdfmake;
  const instance = require('pdfmake') as PdfMake;
  const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
  for (const [name, base64] of Object.entries(vfs)) {
    if (!instance.virtualfs.existsSync(name)) instance.virtualfs.writeFileSync(name, Buffer.from(base64, 'base64'));
  }
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy(() => false);
  pdfmake = instance;
  return instance;
}

export const roboto = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf' };
