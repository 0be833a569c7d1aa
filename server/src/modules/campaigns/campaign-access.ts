import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { localDate } from '../../platform/dates';
import { type FieldError, Problem, conflict, notFound, notSignedIn } from '../../platform/problem';
import { type NetworkRow, findVisibleNetwork } from '../networks/access';
import { pastDateErrors } from '../plans/plan-fields';
import { regionTimezone } from '../territory/region-clock';
import { campaignPolicy } from './policy';
import { campaigns } from './schema';

export type CampaignRow = typeof campaigns.$inferSelect;

/** A window the organiser sets to open before today (the region's date) is a campaign in the past: refused, not saved. */
export async function pastOpeningErrors(context: CommandContext, opensAt: string | undefined): Promise<FieldError[]> {
  if (!opensAt) return [];
  const timeZone = await regionTimezone(context.db);
  return pastDateErrors(localDate(context.now ?? new Date(), timeZone), { opensAt: localDate(new Date(opensAt), timeZone) });
}

export interface CampaignAccess {
  campaign: CampaignRow;
  /** The campaign's network if the caller may see it (whoever manages it does); null otherwise. */
  network: NetworkRow | null;
  /** Whether the caller organises it (and so sees drafts, counts and statistics). */
  organises: boolean;
}

const campaignNotFound = () => notFound('Кампания');
export const staleCampaign = () => conflict('Кампанию уже изменил другой организатор. Обновите страницу и посмотрите, что изменилось.');
/** A step the campaign's state does not allow now, with a code the web app can act on. */
export const unavailable = (detail: string, code: string, extra: Record<string, unknown> = {}) => new Problem(409, 'Действие недоступно', detail, { code, ...extra });

/**
 * A campaign the signed-in caller may see: open, allocated ones to everyone signed in (families choose
 * from them); drafts and cancelled ones only to the organisers — to anyone else they do not exist (404).
 */
export async function loadVisibleCampaign(context: CommandContext, id: string): Promise<CampaignAccess> {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const [campaign] = await context.db.select().from(campaigns).where(eq(campaigns.id, id)).limit(1);
  if (!campaign) throw campaignNotFound();
  const network = campaign.networkId ? await findVisibleNetwork(context.db, actor, campaign.networkId) : null;
  const organises = campaignPolicy.organise(actor, campaign, network);
  if (!organises && (campaign.state === 'draft' || campaign.state === 'cancelled')) throw campaignNotFound();
  return { campaign, network, organises };
}

/** A campaign the caller organises: 404 when they may not see it, 403 when they only see it. */
export async function loadOrganisedCampaign(context: CommandContext, id: string): Promise<CampaignAccess> {
  const access = await loadVisibleCampaign(context, id);
  authorize(context.actor, () => access.organises);
  return access;
}

/** The campaign row, locked until the transaction ends, so steps on one campaign (two presses of «Распределить») take turns. */
export async function lockCampaign(tx: Database, id: string, mode: 'update' | 'share' = 'update'): Promise<CampaignRow> {
  const [row] = await tx.select().from(campaigns).where(eq(campaigns.id, id)).for(mode);
  if (!row) throw campaignNotFound();
  return row;
}

const stateWords: Record<CampaignRow['state'], string> = {
  draft: 'ещё готовится',
  open: 'уже открыта',
  allocated: 'уже распределена',
  cancelled: 'отменена',
};

/** 409 unless the campaign is in one of the states the step needs. */
export function requireState(campaign: CampaignRow, allowed: CampaignRow['state'][], step: string) {
  if (!allowed.includes(campaign.state)) throw unavailable(`${step} нельзя: кампания «${campaign.title}» ${stateWords[campaign.state]}.`, `campaign_${campaign.state}`, { state: campaign.state });
}

/** Changes the campaign to its next version and records before and after in the audit log, inside the caller's transaction. */
export async function changeCampaign(tx: Database, context: Pick<CommandContext, 'actor' | 'ip'>, before: CampaignRow, changes: Partial<CampaignRow>, action: string): Promise<CampaignRow> {
  const [after] = await tx
    .update(campaigns)
    .set({ ...changes, version: sql`${campaigns.version} + 1`, updatedAt: new Date() })
    .where(eq(campaigns.id, before.id))
    .returning();
  // The seed stays out of the audit log until it is revealed anyway.
  const visible = (row: CampaignRow) => ({ ...row, lotterySeed: row.state === 'allocated' ? row.lotterySeed : null });
  await recordAudit(tx, context, { action: `campaign.${action}`, entityType: 'campaign', entityId: before.id, before: visible(before), after: visible(after) });
  return after;
}
