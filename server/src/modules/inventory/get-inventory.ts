import { and, eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { notFound } from '../../platform/problem';
import { inventoryPolicy } from './policy';
import { organizationRefs, presentNeed, presentOffer } from './present-inventory';
import { organizations } from '../organizations/schema';
import { type ResourceCategory, resourceCategories, resourceNeeds, resourceOffers } from './schema';

const categoryOrder = new Map(resourceCategories.map((category, index) => [category, index]));
type Listed = { category: ResourceCategory; title: string };
const byCategoryAndTitle = (a: Listed, b: Listed) => categoryOrder.get(a.category)! - categoryOrder.get(b.category)! || a.title.localeCompare(b.title, 'ru');

/**
 * An organisation's resources (public) and needs (signed-in callers only), by category. Archived rows
 * only when asked for, so the page shows what the organisation offers now.
 */
export async function getInventory(context: CommandContext, organizationId: string, options: { archived?: boolean } = {}) {
  const refs = await organizationRefs(context.db, [organizationId]);
  const organization = refs.get(organizationId);
  if (!organization) throw notFound('Организация');
  const [{ state }] = await context.db.select({ state: organizations.state }).from(organizations).where(eq(organizations.id, organizationId));
  const activeOnly = !options.archived;
  const [offers, needs] = await Promise.all([
    context.db
      .select()
      .from(resourceOffers)
      .where(and(eq(resourceOffers.organizationId, organizationId), activeOnly ? eq(resourceOffers.state, 'active') : undefined)),
    context.actor
      ? context.db
          .select()
          .from(resourceNeeds)
          .where(and(eq(resourceNeeds.organizationId, organizationId), activeOnly ? eq(resourceNeeds.state, 'active') : undefined))
      : [],
  ]);
  return {
    organization,
    offers: offers.sort(byCategoryAndTitle).map(presentOffer),
    needs: needs.sort(byCategoryAndTitle).map(presentNeed),
    permissions: { edit: !!context.actor && state !== 'archived' && inventoryPolicy.edit(context.actor, organizationId) },
  };
}
