import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { notFound } from '../../platform/problem';
import { organizations } from '../organizations/schema';
import { programmePolicy } from './policy';
import { presentProgrammes } from './present-programme';
import { type ProgrammeState, programmes } from './schema';

/** Drafts (work in progress) first, then the catalogue's, the archive last. */
const stateOrder = sql`case ${programmes.state} when 'draft' then 0 when 'published' then 1 else 2 end`;

/**
 * An organisation's programmes for its page: every state for its staff (drafts first, so work in
 * progress is at hand), published ones for everyone else.
 */
export async function listOrganizationProgrammes(context: CommandContext, organizationId: string, state?: ProgrammeState) {
  const [organization] = await context.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  if (!organization) throw notFound('Организация');
  const staff = !!context.actor && programmePolicy.seeUnpublished(context.actor, organizationId);
  const states: ProgrammeState[] = staff ? (state ? [state] : ['draft', 'published', 'archived']) : state && state !== 'published' ? [] : ['published'];
  const rows = states.length
    ? await context.db
        .select()
        .from(programmes)
        .where(and(eq(programmes.organizationId, organizationId), inArray(programmes.state, states)))
        .orderBy(stateOrder, desc(programmes.startsOn), asc(programmes.title))
    : [];
  return { items: await presentProgrammes(context.db, rows), canManage: !!context.actor && programmePolicy.manage(context.actor, organizationId) };
}
