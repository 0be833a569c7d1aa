import { and, eq, inArray } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { Problem, conflict, notFound, notSignedIn } from '../../platform/problem';
import { headsOrganization } from '../networks/access';
import { networkMembers } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { canSeeProgramme, programmePolicy } from './policy';
import { programmes } from './schema';

export type ProgrammeRow = typeof programmes.$inferSelect;

const programmeNotFound = () => notFound('Программа');
export const staleProgramme = () => conflict('Программу уже изменил другой пользователь. Обновите страницу и внесите правки ещё раз.');

/** A programme the caller may see: a draft or an archived one exists only for its provider's staff (404 for everyone else). */
export async function loadVisibleProgramme(db: Database, context: Pick<CommandContext, 'actor'>, id: string): Promise<ProgrammeRow> {
  const [row] = await db.select().from(programmes).where(eq(programmes.id, id)).limit(1);
  if (!row || !canSeeProgramme(context.actor, row)) throw programmeNotFound();
  return row;
}

/**
 * The programme a head of its provider is about to change, locked until the transaction ends so seats
 * taken meanwhile (takeSeat updates the same row) are counted before capacity is judged. Someone who may
 * see it but not manage it gets 403; to anyone else a draft does not exist.
 */
export async function lockManagedProgramme(tx: Database, context: CommandContext, id: string, version: number): Promise<ProgrammeRow> {
  if (!context.actor) throw notSignedIn();
  const [row] = await tx.select().from(programmes).where(eq(programmes.id, id)).for('update');
  if (!row || !canSeeProgramme(context.actor, row)) throw programmeNotFound();
  authorize(context.actor, (actor) => programmePolicy.manage(actor, row.organizationId));
  if (row.version !== version) throw staleProgramme();
  return row;
}

/** The provider the actor heads, not archived: a programme is created on its behalf. */
export async function loadProvider(db: Database, context: CommandContext, organizationId: string) {
  const [provider] = await db.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  if (!provider) throw notFound('Организация');
  authorize(context.actor, (actor) => headsOrganization(actor, organizationId));
  if (provider.state === 'archived') throw new Problem(409, 'Организация в архиве', `Организация «${provider.shortName}» в архиве и не может предлагать программы.`);
  return provider;
}

/** Networks among `networkIds` the provider is not an active member of (a programme is offered only in its own networks). */
export async function foreignNetworkIds(db: Database, organizationId: string, networkIds: string[]): Promise<string[]> {
  if (!networkIds.length) return [];
  const rows = await db
    .select({ networkId: networkMembers.networkId })
    .from(networkMembers)
    .where(and(eq(networkMembers.organizationId, organizationId), eq(networkMembers.state, 'active'), inArray(networkMembers.networkId, networkIds)));
  const member = new Set(rows.map((r) => r.networkId));
  return networkIds.filter((id) => !member.has(id));
}

/** Whether the venue exists and is not archived. */
export async function venueIsActive(db: Database, venueOrganizationId: string): Promise<boolean> {
  const [venue] = await db.select({ state: organizations.state }).from(organizations).where(eq(organizations.id, venueOrganizationId)).limit(1);
  return !!venue && venue.state !== 'archived';
}
