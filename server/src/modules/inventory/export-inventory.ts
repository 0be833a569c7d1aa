import { and, eq, inArray } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { activeMemberIds, loadVisibleNetwork } from '../networks/access';
import { organizations } from '../organizations/schema';
import { regionToday } from '../territory/region-clock';
import { categoryLabels, conditionLabels, mobilityLabels, priorityLabels } from './inventory-fields';
import { type InventoryColumnField, type InventorySheet, inventoryColumns, sheetNames, writeWeekdays } from './inventory-spreadsheet-columns';
import { inventoryPolicy } from './policy';
import type { NeedRow, OfferRow } from './present-inventory';
import { resourceCategories, resourceNeeds, resourceOffers } from './schema';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A date column holds real dates (Excel shows them as dd.mm.yyyy, sorts and filters them); the import reads them back. */
const excelDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/**
 * The active resources and needs of a network's active members as one workbook, sheets «Ресурсы» and
 * «Потребности», in the import's columns: edited and uploaded again, it updates the same records.
 */
export async function exportInventory(context: CommandContext, networkId: string) {
  authorize(context.actor, inventoryPolicy.read);
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const memberIds = await activeMemberIds(context.db, networkId);
  const [members, offers, needs] = memberIds.length
    ? await Promise.all([
        context.db.select({ id: organizations.id, inn: organizations.inn, shortName: organizations.shortName }).from(organizations).where(inArray(organizations.id, memberIds)),
        context.db.select().from(resourceOffers).where(and(inArray(resourceOffers.organizationId, memberIds), eq(resourceOffers.state, 'active'))),
        context.db.select().from(resourceNeeds).where(and(inArray(resourceNeeds.organizationId, memberIds), eq(resourceNeeds.state, 'active'))),
      ])
    : [[], [], []];
  const organizationOf = new Map(members.map((m) => [m.id, m]));
  const name = (row: { organizationId: string }) => organizationOf.get(row.organizationId)!.shortName;
  const byOrganizationAndCategory = (a: OfferRow | NeedRow, b: OfferRow | NeedRow) =>
    name(a).localeCompare(name(b), 'ru') || resourceCategories.indexOf(a.category) - resourceCategories.indexOf(b.category) || a.title.localeCompare(b.title, 'ru');

  const common = (row: OfferRow | NeedRow): Partial<Record<InventoryColumnField, ExcelJS.CellValue>> => ({
    id: row.id,
    inn: organizationOf.get(row.organizationId)!.inn,
    organization: name(row),
    category: categoryLabels[row.category],
    title: row.title,
    description: row.description,
    tags: row.tags.join(', '),
  });

  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Орбита';
  workbook.created = new Date();
  addSheet(
    workbook,
    'offers',
    offers.sort(byOrganizationAndCategory).map((row) => ({
      ...common(row),
      conditions: conditionLabels[row.conditions],
      mobility: mobilityLabels[row.mobility],
      weekdays: writeWeekdays(row.weekdays),
      availableFrom: excelDate(row.availableFrom),
      availableTo: excelDate(row.availableTo),
      capacity: row.capacity,
    })),
  );
  addSheet(
    workbook,
    'needs',
    needs.sort(byOrganizationAndCategory).map((row) => ({ ...common(row), priority: priorityLabels[row.priority], neededFrom: excelDate(row.neededFrom), neededTo: excelDate(row.neededTo) })),
  );
  const title = network.name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return {
    fileName: `Ресурсы и потребности ${title} ${await regionToday(context.db)}.xlsx`,
    contentType: XLSX_CONTENT_TYPE,
    data: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}

const dateFields = new Set<InventoryColumnField>(['availableFrom', 'availableTo', 'neededFrom', 'neededTo']);

function addSheet(workbook: ExcelJS.Workbook, sheet: InventorySheet, rows: Partial<Record<InventoryColumnField, ExcelJS.CellValue>>[]) {
  const columns = inventoryColumns[sheet];
  const worksheet = workbook.addWorksheet(sheetNames[sheet], { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width,
    // ИНН as text keeps a leading zero; dates show as 01.09.2025.
    style: column.field === 'inn' ? { numFmt: '@' } : dateFields.has(column.field) ? { numFmt: 'dd.mm.yyyy' } : {},
  }));
  worksheet.getRow(1).font = { bold: true };
  worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  for (const values of rows) {
    worksheet.addRow(columns.map((column) => values[column.field] ?? null)).alignment = { vertical: 'top', wrapText: true };
  }
}
