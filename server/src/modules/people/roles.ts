import { type MembershipRole, type PlatformRole, membershipRoles, platformRoles } from '../accounts/schema';

/** Any role a person can hold: region-wide or in one organisation. */
export type Role = PlatformRole | MembershipRole;
export const roles = [...platformRoles, ...membershipRoles] as const;

export const isMembershipRole = (role: Role): role is MembershipRole => (membershipRoles as readonly string[]).includes(role);

/** Position in the organisation's hierarchy: 0 is the head; a larger number is a lower role. */
export const membershipRank = (role: MembershipRole) => membershipRoles.indexOf(role);

/** Roles as people read them in letters and messages. */
export const roleLabels: Record<Role, string> = {
  operator: 'оператор платформы',
  authority: 'специалист органа управления образованием',
  expert: 'эксперт',
  guardian: 'родитель (законный представитель)',
  org_admin: 'руководитель',
  staff_admin: 'администратор сотрудников',
  deputy_head: 'заместитель руководителя',
  coordinator: 'координатор',
  teacher: 'педагог',
  programme_teacher: 'педагог программы',
};

/**
 * One role in one place: a platform role (an authority's municipality in `municipalityId`) or a role in an
 * organisation (`organizationId`, with the organisation's municipality in `municipalityId`).
 */
export interface RoleTarget {
  role: Role;
  organizationId: string | null;
  municipalityId: string | null;
}
