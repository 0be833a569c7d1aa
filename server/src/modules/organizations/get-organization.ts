import type { CommandContext } from '../../platform/context';
import { notFound } from '../../platform/problem';
import { organizationPermissions } from './policy';
import { loadOrganization, presentOrganizations } from './present-organization';

export async function getOrganization(context: CommandContext, id: string) {
  const row = await loadOrganization(context.db, id);
  if (!row) throw notFound('Организация');
  const [view] = await presentOrganizations(context.db, [row]);
  return { ...view, permissions: organizationPermissions(context.actor, row) };
}
