import type { CommandContext } from '../../platform/context';
import { localDate } from '../../platform/dates';
import { notSignedIn } from '../../platform/problem';
import { regionTimezone } from '../territory/region-clock';
import { type DeskItem, type DeskKind, type DeskPart, deskKinds } from './desk-item';
import { eventWork } from './event-work';
import { familyWork } from './family-work';
import { networkWork } from './network-work';
import { deskPolicy } from './policy';
import { teachingWork } from './teaching-work';

/** The desk lists this many items of a kind; the count says how many there are. */
const SHOWN_PER_KIND = 20;

async function collect(context: CommandContext): Promise<{ today: string; part: DeskPart }> {
  if (!deskPolicy.readOwn(context.actor)) throw notSignedIn();
  const timeZone = await regionTimezone(context.db);
  const scope = { db: context.db, actor: context.actor, today: localDate(new Date(), timeZone), timeZone };
  // Each part runs its own few queries, side by side.
  const parts = await Promise.all([networkWork(scope), familyWork(scope), teachingWork(scope), eventWork(scope)]);
  return { today: scope.today, part: Object.assign({}, ...parts) as DeskPart };
}

/**
 * «Мой кабинет»: what awaits the signed-in person, by kind, each kind with its count and its first items —
 * documents to sign, votes, meetings, minutes, exchanges, network invitations and requests, plan items
 * due; for a guardian their children's clashes, waitlists, campaigns and results; for a provider's staff
 * today's classes and unmarked attendance; for an event's organisers the requests awaiting their approval. Kinds with nothing waiting are left out.
 */
export async function listDeskItems(context: CommandContext) {
  const { today, part } = await collect(context);
  const groups: { kind: DeskKind; count: number; items: DeskItem[] }[] = deskKinds
    .filter((kind) => (part[kind]?.length ?? 0) > 0)
    .map((kind) => ({ kind, count: part[kind]!.length, items: part[kind]!.slice(0, SHOWN_PER_KIND) }));
  return { today, total: groups.reduce((sum, g) => sum + g.count, 0), groups };
}

/** The same counts without the items, for the navigation's badge. */
export async function countDeskItems(context: CommandContext) {
  const { total, groups } = await listDeskItems(context);
  return { total, counts: Object.fromEntries(groups.map((g) => [g.kind, g.count])) as Partial<Record<DeskKind, number>> };
}
