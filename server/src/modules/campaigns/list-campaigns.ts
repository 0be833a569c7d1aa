import { and, desc, eq, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { notSignedIn } from '../../platform/problem';
import { visibleNetworks } from '../networks/access';
import { networks } from '../networks/schema';
import { campaignPolicy } from './policy';
import { presentCampaignSummary } from './present-campaign';
import { campaignProgrammes, campaigns } from './schema';

/**
 * The campaigns the caller may see, newest window first: open and allocated ones for everyone signed in
 * (families choose from them), and drafts and cancelled ones to the organisers; a campaign's network
 * only where the caller may see it.
 */
export async function listCampaigns(context: CommandContext) {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const rows = await context.db
    .select({ campaign: campaigns, network: networks, programmeCount: sql<number>`(select count(*)::int from ${campaignProgrammes} where ${campaignProgrammes.campaignId} = ${campaigns.id})` })
    .from(campaigns)
    .leftJoin(networks, and(eq(networks.id, campaigns.networkId), visibleNetworks(actor)))
    .orderBy(desc(campaigns.opensAt), desc(campaigns.id));
  const visible = rows
    .map((row) => ({ ...row, organises: campaignPolicy.organise(actor, row.campaign, row.network) }))
    .filter((row) => row.organises || row.campaign.state === 'open' || row.campaign.state === 'allocated');
  return { items: await Promise.all(visible.map((row) => presentCampaignSummary(context.db, row, row.programmeCount))) };
}
