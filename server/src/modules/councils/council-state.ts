import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { activeMemberIds } from '../networks/access';
import { councilMembers } from './schema';

/** A council is formed with a chair, a secretary and people from at least this many member organisations. */
export const MIN_REPRESENTED_ORGANIZATIONS = 2;

export interface CouncilState {
  formed: boolean;
  chair: { id: string; fullName: string } | null;
  secretary: { id: string; fullName: string } | null;
  /** Current council members: from active member organisations, and seats outside the member organisations. */
  members: number;
  /** Distinct active member organisations they represent. */
  organizations: number;
  /** What is still missing, in Russian, for the network page; empty when formed. */
  missing: string[];
}

/**
 * Whether the network's coordinating council is formed — the first step of the launch path.
 * Only current members (not removed) from organisations that are active members now count, and seats outside
 * the member organisations (they never make up the organisations the council must represent).
 */
export async function councilState(db: Database, networkId: string): Promise<CouncilState> {
  const rows = await db
    .select({ id: councilMembers.id, fullName: councilMembers.fullName, role: councilMembers.role, organizationId: councilMembers.organizationId })
    .from(councilMembers)
    .where(and(eq(councilMembers.networkId, networkId), isNull(councilMembers.removedAt)));
  const active = new Set(await activeMemberIds(db, networkId));
  const current = rows.filter((r) => r.organizationId === null || active.has(r.organizationId));
  const person = (role: 'chair' | 'secretary') => {
    const row = current.find((r) => r.role === role);
    return row ? { id: row.id, fullName: row.fullName } : null;
  };
  const chair = person('chair');
  const secretary = person('secretary');
  const organizations = new Set(current.flatMap((r) => (r.organizationId ? [r.organizationId] : []))).size;
  const missing: string[] = [];
  if (!chair) missing.push('Не назначен председатель совета.');
  if (!secretary) missing.push('Не назначен секретарь совета.');
  if (organizations < MIN_REPRESENTED_ORGANIZATIONS) {
    missing.push(`В совете должны быть представители не менее ${MIN_REPRESENTED_ORGANIZATIONS} организаций-участников (сейчас: ${organizations}).`);
  }
  return { formed: missing.length === 0, chair, secretary, members: current.length, organizations, missing };
}
