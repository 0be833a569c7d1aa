/**
 * A plan as DOCX: the table of a plan-graph (seed 001) for printing and signing. A module of its own, loaded by the
 * first export, so a server that never exports does not hold the `docx` library in memory.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { type PlanItemNode, type PlanView, flattenPlanItems } from './get-plan';
import { formatPlanPeriod, formatRussianDate } from './plan-dates';
import { OVERDUE_LABEL, planKindLabels, stateLabels } from './plan-fields';

const FONT = 'Times New Roman';
const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder };

/** Column widths in twentieths of a point: landscape A4 minus margins is about 15 100. */
const docxColumns: { header: string; width: number }[] = [
  { header: '№', width: 800 },
  { header: 'Мероприятие', width: 4300 },
  { header: 'Сроки', width: 1900 },
  { header: 'Ответственные', width: 2700 },
  { header: 'Ожидаемый результат', width: 3600 },
  { header: 'Статус', width: 1800 },
];

const run = (text: string, options: { bold?: boolean; color?: string; size?: number } = {}) => new TextRun({ text, font: FONT, size: options.size ?? 22, bold: options.bold, color: options.color });

function cell(paragraphs: Paragraph[], width: number, header = false): TableCell {
  return new TableCell({
    children: paragraphs.length ? paragraphs : [new Paragraph('')],
    width: { size: width, type: WidthType.DXA },
    borders,
    verticalAlign: header ? VerticalAlign.CENTER : VerticalAlign.TOP,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    ...(header ? { shading: { fill: 'E7E6E6' } } : {}),
  });
}

/** A paragraph per line of a multi-line cell; sub-items are indented by their depth. */
const lines = (text: string, options: { bold?: boolean; color?: string } = {}, depth = 0) =>
  text
    .split(/\r?\n/)
    .filter((line, index, all) => line.trim() || all.length === 1)
    .map((line) => new Paragraph({ children: [run(line, options)], ...(depth ? { indent: { left: 200 * depth } } : {}) }));

function statusText(item: PlanItemNode): { text: string; color?: string } {
  if (item.overdue) return { text: `${OVERDUE_LABEL}${item.rolledUpProgress ? `, ${item.rolledUpProgress} %` : ''}`, color: 'C00000' };
  if (item.state === 'in_progress') return { text: `${stateLabels.in_progress}, ${item.rolledUpProgress} %` };
  return { text: stateLabels[item.state] };
}

function itemRow(item: PlanItemNode): TableRow {
  const bold = item.children.length > 0;
  const status = statusText(item);
  const responsible = [
    ...lines(item.responsibleOrganizations.map((o) => o.shortName).join(', '), { bold }),
    ...(item.responsiblePeople ? lines(item.responsiblePeople) : []),
  ];
  return new TableRow({
    cantSplit: true,
    children: [
      cell([new Paragraph({ children: [run(item.number, { bold })] })], docxColumns[0].width),
      cell(lines(item.activity, { bold }, item.depth), docxColumns[1].width),
      cell([new Paragraph({ children: [run(formatPlanPeriod(item.startsOn, item.endsOn), { bold, color: item.overdue ? 'C00000' : undefined })] })], docxColumns[2].width),
      cell(responsible, docxColumns[3].width),
      cell(item.expectedResult ? lines(item.expectedResult) : [], docxColumns[4].width),
      cell([new Paragraph({ children: [run(status.text, { color: status.color, bold: item.overdue })] })], docxColumns[5].width),
    ],
  });
}

export async function planToDocx(plan: PlanView): Promise<Buffer> {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: docxColumns.map((c) => cell([new Paragraph({ alignment: AlignmentType.CENTER, children: [run(c.header, { bold: true })] })], c.width, true)),
  });
  const rows = flattenPlanItems(plan.items).map(itemRow);
  const period = plan.periodStart || plan.periodEnd ? formatPlanPeriod(plan.periodStart, plan.periodEnd) : null;
  const table = new Table({
    rows: rows.length
      ? [header, ...rows]
      : [header, new TableRow({ children: [new TableCell({ columnSpan: docxColumns.length, borders, children: [new Paragraph({ children: [run('В плане пока нет мероприятий.')] })] })] })],
    width: { size: docxColumns.reduce((sum, c) => sum + c.width, 0), type: WidthType.DXA },
    columnWidths: docxColumns.map((c) => c.width),
    layout: TableLayoutType.FIXED,
  });

  const document = new Document({
    creator: 'Орбита',
    title: plan.title,
    styles: { default: { document: { run: { font: FONT, size: 22 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
            margin: { top: 1134, bottom: 1134, left: 850, right: 850 },
          },
        },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [run(planKindLabels[plan.kind].toUpperCase(), { bold: true, size: 26 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [run(plan.title, { bold: true, size: 26 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [run(plan.networkName)] }),
          ...(period ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`Период: ${period}`)] })] : []),
          new Paragraph(''),
          table,
          new Paragraph(''),
          new Paragraph({
            children: [
              run(
                `Пунктов: ${plan.summary.items}; выполнено: ${plan.summary.byStatus.done}; в работе: ${plan.summary.byStatus.in_progress}; ` +
                  `просрочено: ${plan.summary.byStatus.overdue}; общее выполнение: ${plan.summary.progress} %. Сформировано ${formatRussianDate(plan.today)}.`,
                { size: 20 },
              ),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
