import { inflateRawSync, inflateSync } from 'node:zlib';

/**
 * Just enough of ZIP and PDF to check exports in tests without extra packages: the entries of a ZIP
 * (DOCX) archive, and the text of a PDF made by pdfmake/pdfkit (Type0 fonts with Identity-H glyph
 * codes, decoded back to Unicode through each font's ToUnicode map).
 */
export function unzip(archive: Buffer): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  let end = archive.length - 22;
  while (end >= 0 && archive.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a ZIP archive');
  const count = archive.readUInt16LE(end + 10);
  let offset = archive.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(offset) !== 0x02014b50) throw new Error('broken central directory');
    const method = archive.readUInt16LE(offset + 10);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const localOffset = archive.readUInt32LE(offset + 42);
    const name = archive.subarray(offset + 46, offset + 46 + nameLength).toString('utf8');
    const dataStart = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const from = header.lastIndex;
    const end = text.indexOf('endobj', from);
    const streamAt = text.slice(from, end).search(/stream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: text.slice(from, end), stream: null });
      continue;
    }
    const dict = text.slice(from, from + streamAt);
    const start = text.indexOf('\n', from + streamAt) + 1;
    // A compressed stream may hold the bytes «endobj» by chance: its /Length says where it ends.
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    const raw = length ? pdf.subarray(start, start + Number(length[1])) : Buffer.from(text.slice(start, text.lastIndexOf('endstream', end)).replace(/\r?\n$/, ''), 'latin1');
    objects.set(Number(match[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
    header.lastIndex = text.indexOf('endobj', start + raw.length) + 'endobj'.length;
  }
  return objects;
}

/** Code → text, from a ToUnicode CMap with `bfrange … [<…> …]` and `bfchar` entries. */
function parseCmap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const decode = (hex: string) => String.fromCharCode(...(hex.match(/[0-9a-fA-F]{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:\[([^\]]*)\]|<([0-9a-fA-F]+)>)/g)) {
      const start = parseInt(m[1], 16);
      if (m[3] !== undefined) {
        [...m[3].matchAll(/<([0-9a-fA-F ]+)>/g)].forEach((d, i) => map.set(start + i, decode(d[1].replace(/ /g, ''))));
      } else {
        const first = parseInt(m[4], 16);
        for (let c = start; c <= parseInt(m[2], 16); c++) map.set(c, String.fromCharCode(first + c - start));
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1], 16), decode(m[2]));
  }
  return map;
}

export interface PdfInfo {
  /** Text of every page in drawing order, one line per text-showing operation group. */
  text: string;
  /** The same text page by page, in the order of the pages. */
  pages: string[];
  /** BaseFont names of the embedded fonts, e.g. "ABCDEF+Roboto-Regular". */
  fonts: string[];
  /** Whether every font is embedded as a font file, not merely named. */
  fontsEmbedded: boolean;
}

export function readPdf(pdf: Buffer): PdfInfo {
  const objects = pdfObjects(pdf);
  const cmaps = new Map<number, Map<number, string>>();
  const fonts: string[] = [];
  let fontsEmbedded = true;
  for (const [id, object] of objects) {
    if (!/\/Type\s*\/Font/.test(object.dict) || !/\/Subtype\s*\/Type0/.test(object.dict)) continue;
    fonts.push(/\/BaseFont\s*\/([^\s/>]+)/.exec(object.dict)?.[1] ?? '');
    const toUnicode = /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(object.dict);
    if (toUnicode) cmaps.set(id, parseCmap(objects.get(Number(toUnicode[1]))?.stream?.toString('latin1') ?? ''));
    const descendant = /\/DescendantFonts\s*\[\s*(\d+)\s+0\s+R/.exec(object.dict);
    const descriptorRef = descendant ? /\/FontDescriptor\s+(\d+)\s+0\s+R/.exec(objects.get(Number(descendant[1]))?.dict ?? '') : null;
    const descriptor = descriptorRef ? objects.get(Number(descriptorRef[1]))?.dict ?? '' : '';
    if (!/\/FontFile[23]?\s+\d+\s+0\s+R/.test(descriptor)) fontsEmbedded = false;
  }
  // Resource names (/F1 12 0 R) → font objects.
  const names = new Map<string, number>();
  for (const object of objects.values()) {
    for (const m of object.dict.matchAll(/\/(F\d+)\s+(\d+)\s+0\s+R/g)) if (cmaps.has(Number(m[2]))) names.set(m[1], Number(m[2]));
  }
  const lines: string[] = [];
  const textOf = new Map<number, string[]>();
  for (const [id, object] of objects) {
    const content = object.stream?.toString('latin1');
    if (!content || !content.includes('BT')) continue;
    const start = lines.length;
    let cmap: Map<number, string> | undefined;
    let line = '';
    for (const token of content.matchAll(/\/(F\d+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bET\b/g)) {
      if (token[1]) cmap = cmaps.get(names.get(token[1]) ?? -1);
      else if (token[0] === 'ET') {
        if (line) lines.push(line);
        line = '';
      } else {
        const hexes = token[2] !== undefined ? [...token[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]) : [token[3]];
        for (const hex of hexes) for (const code of hex.match(/[0-9a-fA-F]{4}/g) ?? []) line += cmap?.get(parseInt(code, 16)) ?? '';
      }
    }
    if (line) lines.push(line);
    textOf.set(id, lines.slice(start));
  }
  // pdfkit writes the pages in order; each names its content stream.
  const pages = [...objects.values()]
    .filter((object) => /\/Type\s*\/Page\b(?!s)/.test(object.dict))
    .map((page) => (textOf.get(Number(/\/Contents\s+(\d+)\s+0\s+R/.exec(page.dict)?.[1])) ?? []).join('\n'));
  return { text: lines.join('\n'), pages, fonts, fontsEmbedded };
}

/** For comparing text that the PDF may have wrapped or justified: no whitespace at all. */
export const squeeze = (text: string) => text.replace(/\s+/g, '');
