import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { preparedQuery } from '../../platform/db/prepared';
import { notFound } from '../../platform/problem';
import { municipalities } from '../territory/schema';
import { organizationPermissions } from './policy';
import type { OrganizationView } from './present-organization';
import { organizations } from './schema';

// presentOrganization's shape read in the query itself: the internal columns (search vector, sort key) are not even read.
const { searchVector: _vector, sortKey: _key, ...visibleColumns } = getTableColumns(organizations);

/** The card and its municipality's name in one round trip. */
const organizationCard = preparedQuery((db) =>
  db
    .select({ ...visibleColumns, municipalityName: sql<string>`coalesce(${municipalities.name}, '')` })
    .from(organizations)
    .leftJoin(municipalities, eq(municipalities.id, organizations.municipalityId))
    .where(eq(organizations.id, sql.placeholder('id')))
    .limit(1)
    .prepare('organization_card'),
);

export async function getOrganization(context: CommandContext, id: string) {
  const [view]: OrganizationView[] = await organizationCard(context.db).execute({ id });
  if (!view) throw notFound('Организация');
  return { ...view, permissions: organizationPermissions(context.actor, view) };
}
