import { regionToday } from '../territory/region-clock';
import type { Database } from '../../platform/db/client';
import { activeMemberIds } from '../networks/access';
import { organizationNames } from './item-checks';
import type { PlanItemRow } from './plan-access';
import type { Evidence } from './plan-fields';
import { type PlanItemStatus, isOverdue, itemStatus } from './plan-item-status';

export interface PlanItemView {
  id: string;
  planId: string;
  parentId: string | null;
  position: number;
  activity: string;
  startsOn: string | null;
  endsOn: string | null;
  responsibleOrganizations: { id: string; shortName: string; activeMember: boolean }[];
  responsiblePeople: string;
  expectedResult: string;
  state: PlanItemRow['state'];
  /** The state, or «overdue» once the end date has passed (derived, never stored). */
  status: PlanItemStatus;
  overdue: boolean;
  progress: number;
  evidence: Evidence | null;
  version: number;
  updatedAt: Date;
}


export function presentPlanItem(row: PlanItemRow, today: string, names: Map<string, string>, members: ReadonlySet<string>): PlanItemView {
  return {
    id: row.id,
    planId: row.planId,
    parentId: row.parentId,
    position: row.position,
    activity: row.activity,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    responsibleOrganizations: row.responsibleOrganizationIds.map((id) => ({ id, shortName: names.get(id) ?? '', activeMember: members.has(id) })),
    responsiblePeople: row.responsiblePeople,
    expectedResult: row.expectedResult,
    state: row.state,
    status: itemStatus(row, today),
    overdue: isOverdue(row, today),
    progress: row.progress,
    evidence: row.evidenceKind && row.evidenceRef !== null ? { kind: row.evidenceKind, reference: row.evidenceRef } : null,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

/** Items as the API shows them, with the names of the responsible organisations and today's status. */
export async function presentPlanItems(db: Database, networkId: string, rows: PlanItemRow[]): Promise<PlanItemView[]> {
  const [today, names, members] = await Promise.all([
    regionToday(db),
    organizationNames(db, rows.flatMap((r) => r.responsibleOrganizationIds)),
    activeMemberIds(db, networkId).then((ids) => new Set(ids)),
  ]);
  return rows.map((row) => presentPlanItem(row, today, names, members));
}
