import type { EventRow } from './access';

/** What the audit keeps of an event: what it is, when and where, its seats and window, its organisers and programme. */
export const auditedEvent = (row: EventRow, coOrganizerIds?: string[], sessions?: unknown[]) => ({
  kind: row.kind,
  title: row.title,
  audiences: row.audiences,
  gradeFrom: row.gradeFrom,
  gradeTo: row.gradeTo,
  format: row.format,
  address: row.address,
  onlineUrl: row.onlineUrl,
  startsAt: row.startsAt.toISOString(),
  endsAt: row.endsAt.toISOString(),
  capacity: row.capacity,
  registrationOpensAt: row.registrationOpensAt?.toISOString() ?? null,
  registrationClosesAt: row.registrationClosesAt?.toISOString() ?? null,
  approvalRequired: row.approvalRequired,
  organizationId: row.organizationId,
  networkId: row.networkId,
  planItemId: row.planItemId,
  state: row.state,
  ...(coOrganizerIds ? { coOrganizerIds } : {}),
  ...(sessions ? { sessions } : {}),
});
