/**
 * A document's current version with its signature sheet as DOCX. A module of its own, loaded by the first DOCX export,
 * so a server that never exports does not hold the `docx` library in memory.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { type BodyBlock, parseBody } from './body-blocks';
import { type ExportModel, bodyWithAnnex, metaLine, sheetHeader, sheetNote, splitHash, stateLabels } from './export-document';

const FONT = 'Times New Roman';

function docxBlock(block: BodyBlock): Paragraph {
  if (block.type === 'heading') {
    return new Paragraph({ heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: block.text, bold: true, font: FONT, size: block.level === 1 ? 26 : 24, color: '000000' })] });
  }
  if (block.type === 'bullet') return new Paragraph({ bullet: { level: 0 }, spacing: { after: 60 }, children: [new TextRun({ text: block.text, font: FONT, size: 24 })] });
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { after: 120 },
    children: block.lines.map((line, i) => new TextRun({ text: line, font: FONT, size: 24, ...(i > 0 ? { break: 1 } : {}) })),
  });
}

const cellText = (text: string, options: { bold?: boolean; size?: number; font?: string } = {}) =>
  new TableCell({
    children: [new Paragraph({ children: text.split('\n').map((line, i) => new TextRun({ text: line, bold: options.bold, size: options.size ?? 18, font: options.font ?? FONT, ...(i > 0 ? { break: 1 } : {}) })) })],
  });

export async function documentToDocx(m: ExportModel): Promise<Buffer> {
  const { view } = m;
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  const sheet = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: sheetHeader(m).map((h) => cellText(h, { bold: true })) }),
      ...m.rows.map((r, i) =>
        new TableRow({
          children: [cellText(String(i + 1)), cellText(r.organization), cellText(r.signer), cellText(r.signedAt), cellText(splitHash(r.versionSha256), { size: 14, font: 'Courier New' }), cellText(splitHash(r.hash), { size: 14, font: 'Courier New' })],
        }),
      ),
    ],
  });
  const footer = (text: string) =>
    new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${text} · стр. `, size: 16, font: FONT }), new TextRun({ children: [PageNumber.CURRENT], size: 16, font: FONT })] })] });
  const doc = new Document({
    creator: 'Орбита',
    title: view.title,
    description: metaLine(m),
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        footers: { default: footer(`${view.title} · редакция № ${view.current.version}`) },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: metaLine(m), size: 18, color: '555555', font: FONT })] }),
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: view.title, bold: true, size: 30, font: FONT, color: '000000' })] }),
          ...parseBody(bodyWithAnnex(view)).map(docxBlock),
        ],
      },
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        footers: { default: footer('Лист подписания') },
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [new TextRun({ text: 'Лист подписания', bold: true, size: 28, font: FONT, color: '000000' })] }),
          new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: `Документ: ${view.title}`, font: FONT, size: 20 })] }),
          new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: `Редакция № ${view.current.version}; SHA-256 редакции: `, font: FONT, size: 20 }), new TextRun({ text: view.current.sha256, font: 'Courier New', size: 18 })] }),
          new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: `Состояние: ${stateLabels[view.state]}. Выгружено ${m.exportedAt} (${m.timezone}).`, font: FONT, size: 20 })] }),
          sheet,
          new Paragraph({ spacing: { before: 160 }, children: [new TextRun({ text: sheetNote(m), font: FONT, size: 18, italics: true })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
