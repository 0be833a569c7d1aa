import type { Actor } from '../../platform/context';

/**
 * Who may check people in, mark attendance by list and read the door's roster: those who manage the event
 * (`managedEvents` in access.ts — the organisers' heads, the network's coordinators, the operator). The rule is
 * asked of the row in SQL; these predicates take its answer so every command checks rights the same way.
 */
export const checkInPolicy = {
  checkIn: (_actor: Actor, managesEvent: boolean) => managesEvent,
  markAttendance: (_actor: Actor, managesEvent: boolean) => managesEvent,
  viewRoster: (_actor: Actor, managesEvent: boolean) => managesEvent,
  /**
   * A registration's QR code: the person registered, the guardian of a registered child, the heads of the school
   * that registered its student, and those who manage the event.
   */
  viewTicket: (actor: Actor, registration: { userId: string | null; guardianUserId: string | null; onBehalfOfOrganizationId: string | null }, managesEvent: boolean) =>
    managesEvent ||
    (!!registration.userId && registration.userId === actor.userId) ||
    (!!registration.guardianUserId && registration.guardianUserId === actor.userId) ||
    (!!registration.onBehalfOfOrganizationId && actor.memberships.some((m) => m.organizationId === registration.onBehalfOfOrganizationId && m.role === 'org_admin')),
};
