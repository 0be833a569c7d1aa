import type ExcelJS from 'exceljs';
import type { CommandContext } from '../../platform/context';
import { type PlanView, flattenPlanItems, getPlan } from './get-plan';
import { OVERDUE_LABEL, evidenceLabels, stateLabels } from './plan-fields';
import { exportedColumns } from './plan-spreadsheet-columns';

export type PlanExportFormat = 'xlsx' | 'docx';

export interface ExportedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

const contentTypes: Record<PlanExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * A plan as a file: XLSX with the import's columns (an exported file, edited and uploaded again with
 * «replace», gives the same plan), or DOCX with the table of a plan-graph (seed 001) for printing and signing.
 */
export async function exportPlan(context: CommandContext, planId: string, format: PlanExportFormat): Promise<ExportedFile> {
  const plan = await getPlan(context, planId);
  const data = format === 'xlsx' ? await toXlsx(plan) : await (await import('./plan-docx')).planToDocx(plan);
  return { fileName: `${fileTitle(plan.title)} ${plan.today}.${format}`, contentType: contentTypes[format], data };
}

/** The plan's title as a file name: no characters that Windows forbids, not too long. */
function fileTitle(title: string): string {
  return title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100) || 'План';
}

/** A date column holds real dates (so Excel sorts and filters them), read back by the import as dates. */
const excelDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

async function toXlsx(plan: PlanView): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Орбита';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet('План', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = exportedColumns.map((column) => ({
    header: column.header,
    width: column.width,
    style: column.field === 'number' ? { numFmt: '@' } : column.field === 'startsOn' || column.field === 'endsOn' ? { numFmt: 'dd.mm.yyyy' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { vertical: 'middle', wrapText: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: exportedColumns.length } };

  for (const item of flattenPlanItems(plan.items)) {
    const values: Record<string, ExcelJS.CellValue> = {
      number: item.number,
      activity: item.activity,
      startsOn: excelDate(item.startsOn),
      endsOn: excelDate(item.endsOn),
      organizations: item.responsibleOrganizations.map((o) => o.shortName).join(', '),
      people: item.responsiblePeople,
      expectedResult: item.expectedResult,
      // The stored state, so that the file re-imports as it was; «overdue» is derived again on import.
      state: stateLabels[item.state],
      progress: item.progress,
      evidenceKind: item.evidence ? evidenceLabels[item.evidence.kind] : null,
      evidenceRef: item.evidence?.reference ?? null,
    };
    const row = sheet.addRow(exportedColumns.map((column) => values[column.field] ?? null));
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(exportedColumns.findIndex((c) => c.field === 'activity') + 1).alignment = { vertical: 'top', wrapText: true, indent: item.depth };
    if (item.children.length) row.font = { bold: true };
    if (item.overdue) {
      // Overdue items stand out; the colour is not data and does not travel back on import.
      const end = row.getCell(exportedColumns.findIndex((c) => c.field === 'endsOn') + 1);
      end.font = { color: { argb: 'FFC00000' }, bold: true };
      end.note = OVERDUE_LABEL;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
