import { type ImportColumn, labelTable, normalizeLabel } from '../../platform/imports/columns';
import { type MembershipRole, membershipRoles, platformRoles } from '../accounts/schema';
import { roleLabels } from '../people/roles';

/**
 * The staff spreadsheet: who (full name, e-mail), where (the organisation by INN, external code or name)
 * and in what role. Cells arrive as text (platform/imports/read-spreadsheet.ts) and are read here.
 */

export type StaffField = 'fullName' | 'email' | 'organization' | 'role';

export const staffColumns: ImportColumn<StaffField>[] = [
  { header: 'ФИО', field: 'fullName', required: true, aliases: ['Фамилия, имя, отчество', 'Ф.И.О.', 'Ф. И. О.', 'Сотрудник', 'Полное имя', 'Full name', 'Name'] },
  { header: 'Эл. почта', field: 'email', required: true, aliases: ['Электронная почта', 'E-mail', 'Email', 'Почта', 'Адрес электронной почты'] },
  {
    header: 'Организация',
    field: 'organization',
    required: true,
    aliases: ['ИНН организации', 'ИНН', 'Код организации', 'Внешний код', 'Краткое наименование', 'Образовательная организация', 'Organization'],
  },
  { header: 'Роль', field: 'role', required: true, aliases: ['Должность', 'Role'] },
];

/** On an organisation's own page the file may leave the organisation out: every row is for that organisation. */
export const staffColumnsFor = (scope: 'region' | 'organization') =>
  scope === 'region' ? staffColumns : staffColumns.map((column) => (column.field === 'organization' ? { ...column, required: false } : column));

// The web interface's longer labels, and other words people use for the same roles in a staff list.
const roleAliases: Record<string, MembershipRole> = {
  'координатор сетевого взаимодействия': 'coordinator',
  'педагог сетевой программы': 'programme_teacher',
  директор: 'org_admin',
  заведующий: 'org_admin',
  заведующая: 'org_admin',
  head: 'org_admin',
  администратор: 'staff_admin',
  'заместитель директора': 'deputy_head',
  завуч: 'deputy_head',
  учитель: 'teacher',
  преподаватель: 'teacher',
  'педагог дополнительного образования': 'programme_teacher',
};

const roleByLabel = labelTable(membershipRoles, roleLabels, roleAliases);
const platformRoleByLabel = labelTable(platformRoles, roleLabels, { 'орган управления образованием': 'authority', оператор: 'operator', родитель: 'guardian' });

export type RoleReading = { value: MembershipRole } | { error: string };

/** «педагог», «Руководитель», «teacher»: a role in an organisation; region-wide roles are given one by one, not by a staff list. */
export function readRole(cell: string): RoleReading {
  if (!cell.trim()) return { error: 'Укажите роль' };
  const role = roleByLabel.get(normalizeLabel(cell));
  if (role) return { value: role };
  const allowed = membershipRoles.map((r) => roleLabels[r]).join(', ');
  if (platformRoleByLabel.has(normalizeLabel(cell))) {
    return { error: `«${cell.trim()}» — роль не в организации; её назначают по одному, в разделе «Администрирование». В файле допустимы: ${allowed}` };
  }
  return { error: `Неизвестная роль «${cell.trim()}». Допустимые: ${allowed}` };
}

/** An INN as typed or as Excel kept it: a number cell loses the leading zero of regions 01–09. */
export function innOf(cell: string): string | null {
  const compact = cell.replace(/[\s\u00a0]/g, '');
  if (!/^\d{9,12}$/.test(compact)) return null;
  return compact.length === 9 || compact.length === 11 ? `0${compact}` : compact;
}
