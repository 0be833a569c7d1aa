import { stringify } from 'csv-stringify/sync';
import { eq } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import type { CommandContext } from '../../platform/context';
import { regionToday } from '../territory/region-clock';
import { municipalities } from '../territory/schema';
import { type OrganizationFilter, type OrganizationSort, organizationConditions, organizationOrder } from './list-organizations';
import { organizations } from './schema';
import { type SpreadsheetOrganization, spreadsheetColumns } from './spreadsheet-columns';

export type ExportFormat = 'xlsx' | 'csv';

export interface ExportedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

const contentTypes: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * The filtered registry as a spreadsheet, in the list's order and with the import's columns and labels,
 * so that a downloaded file, edited and uploaded again, updates the same cards.
 */
export async function exportOrganizations(
  context: CommandContext,
  filter: OrganizationFilter & { sort?: OrganizationSort },
  format: ExportFormat,
): Promise<ExportedFile> {
  const conditions = await organizationConditions(context.db, filter);
  const rows: SpreadsheetOrganization[] = await context.db
    .select({
      kind: organizations.kind,
      fullName: organizations.fullName,
      shortName: organizations.shortName,
      inn: organizations.inn,
      ogrn: organizations.ogrn,
      externalId: organizations.externalId,
      municipalityId: organizations.municipalityId,
      municipalityName: municipalities.name,
      statuses: organizations.statuses,
      address: organizations.address,
      lat: organizations.lat,
      lon: organizations.lon,
      headName: organizations.headName,
      phone: organizations.phone,
      email: organizations.email,
      website: organizations.website,
      description: organizations.description,
    })
    .from(organizations)
    .innerJoin(municipalities, eq(municipalities.id, organizations.municipalityId))
    .where(conditions.where)
    .orderBy(...organizationOrder(filter.sort, conditions.search));

  const fileName = `organizations-${await regionToday(context.db)}.${format}`;
  const data = format === 'xlsx' ? await toXlsx(rows) : toCsv(rows);
  return { fileName, contentType: contentTypes[format], data };
}


async function toXlsx(rows: SpreadsheetOrganization[]): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Орбита';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet('Организации', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spreadsheetColumns.map((column) => ({
    header: column.header,
    width: column.width,
    // Text format keeps identifiers that people type later from becoming numbers.
    style: column.asText ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spreadsheetColumns.length } };
  for (const row of rows) sheet.addRow(spreadsheetColumns.map((column) => column.write(row) ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// Excel runs a CSV cell that starts with these as a formula; a leading apostrophe makes it text (the import drops it).
const formulaStart = /^[=+\-@\t\r]/;

/** UTF-8 with a byte-order mark and «;» between cells: what Russian Excel opens with a double click. */
function toCsv(rows: SpreadsheetOrganization[]): Buffer {
  const records = rows.map((row) =>
    spreadsheetColumns.map((column) => {
      const value = column.write(row);
      if (value === null) return '';
      // Decimal comma, as Russian Excel expects; the import takes either.
      if (typeof value === 'number') return String(value).replace('.', ',');
      return formulaStart.test(value) ? `'${value}` : value;
    }),
  );
  const text = stringify([spreadsheetColumns.map((column) => column.header), ...records], { delimiter: ';', bom: true, record_delimiter: 'windows' });
  return Buffer.from(text, 'utf8');
}
