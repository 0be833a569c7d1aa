import { regionTimezone } from '../territory/region-clock';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import type { NetworkRow } from '../networks/access';
import { networkMembers } from '../networks/schema';
import { organizations } from '../organizations/schema';
import { municipalities } from '../territory/schema';
import type { TemplateContext, TemplateOrganization } from './templates';

const collator = new Intl.Collator('ru');


const organizationColumns = { id: organizations.id, fullName: organizations.fullName, shortName: organizations.shortName, headName: organizations.headName, address: organizations.address };

export async function loadTemplateOrganization(db: Database, id: string): Promise<TemplateOrganization> {
  const [row] = await db.select(organizationColumns).from(organizations).where(eq(organizations.id, id)).limit(1);
  return row ?? { fullName: '', shortName: '', headName: '', address: '' };
}

/**
 * What the templates' placeholders are filled from: the network, its active members (the managing one first), the date.
 * With `partyIds` (a document of named parties), `members` lists those parties instead, with their role in the network
 * where they have one.
 */
export async function templateContext(db: Database, network: NetworkRow, now = new Date(), partyIds?: string[]): Promise<TemplateContext> {
  const active = await db
    .select({ ...organizationColumns, role: networkMembers.role })
    .from(networkMembers)
    .innerJoin(organizations, eq(organizations.id, networkMembers.organizationId))
    .where(and(eq(networkMembers.networkId, network.id), eq(networkMembers.state, 'active')));
  let members: (TemplateContext['members'][number] & { id: string })[] = active;
  if (partyIds) {
    const outside = partyIds.filter((id) => !active.some((m) => m.id === id));
    const others = outside.length ? await db.select(organizationColumns).from(organizations).where(inArray(organizations.id, outside)) : [];
    members = [...active.filter((m) => partyIds.includes(m.id)), ...others.map((o) => ({ ...o, role: null }))];
  }
  members.sort((a, b) => Number(b.id === network.managingOrganizationId) - Number(a.id === network.managingOrganizationId) || collator.compare(a.shortName, b.shortName));
  const territory = network.municipalityIds.length
    ? (await db.select({ name: municipalities.name }).from(municipalities).where(inArray(municipalities.id, network.municipalityIds))).map((m) => m.name).sort(collator.compare)
    : [];
  return {
    network: {
      name: network.name,
      kind: network.kind,
      strategicGoal: network.strategicGoal,
      tacticalGoals: network.tacticalGoals,
      directions: network.directions,
      description: network.description,
      territory,
      quorumPercent: network.quorumPercent,
      majority: network.majority,
      quorumBasis: network.quorumBasis,
      voteUnit: network.voteUnit,
      chairCastingVote: network.chairCastingVote,
      admission: network.admission,
      exchangesVisibleToCouncil: network.exchangesVisibleToCouncil,
    },
    managing: await loadTemplateOrganization(db, network.managingOrganizationId),
    members,
    now,
    timezone: await regionTimezone(db),
  };
}
