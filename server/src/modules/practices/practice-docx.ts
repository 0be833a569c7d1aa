/**
 * A practice's card as DOCX, for printing and for a school's own handbook. A module of its own, loaded by the first
 * export, so a server that never exports does not hold the `docx` library in memory.
 */
import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { type ExportedPractice, factsOf, sectionsOf } from './export-practices';

const FONT = 'Times New Roman';

/** A paragraph per line of a multi-line text. */
const lines = (text: string) => text.split(/\r?\n/).filter((line) => line.trim()).map((line) => new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: line, font: FONT })] }));

export async function practiceToDocx(practice: ExportedPractice): Promise<Buffer> {
  const doc = new Document({
    creator: 'Орбита',
    title: practice.title,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${practice.title} · стр. `, size: 16, font: FONT }), new TextRun({ children: [PageNumber.CURRENT], size: 16, font: FONT })] })],
          }),
        },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, spacing: { after: 240 }, children: [new TextRun({ text: practice.title, bold: true, size: 32, font: FONT, color: '000000' })] }),
          ...factsOf(practice).map(
            ([label, value]) => new Paragraph({ spacing: { after: 40 }, children: [new TextRun({ text: `${label}: `, bold: true, font: FONT }), new TextRun({ text: value, font: FONT })] }),
          ),
          ...sectionsOf(practice).flatMap((section) => [
            new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [new TextRun({ text: section.title, bold: true, size: 26, font: FONT, color: '000000' })] }),
            ...(section.items ? section.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: item, font: FONT })] })) : lines(section.text ?? '')),
          ]),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
