import { and, desc, or, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { containsText } from '../../platform/db/contains';
import { outboxMessages } from '../../platform/mail/schema';
import { authorize } from '../../platform/policy';
import { type OutboxState, outboxSummaryColumns, stateCondition } from './outbox-state';
import { outboxPolicy } from './policy';

export interface OutboxFilter {
  state?: OutboxState;
  /** Part of the address or the subject. */
  q?: string;
  page?: number;
  pageSize?: number;
}

/** The operator's «Исходящие письма»: newest first, with how many letters of the search are in each state. */
export async function listOutboxMessages(context: CommandContext, filter: OutboxFilter) {
  authorize(context.actor, outboxPolicy.read);
  const page = Math.max(1, filter.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, filter.pageSize ?? 50));
  const search = filter.q ? or(containsText(outboxMessages.toAddress, filter.q), containsText(outboxMessages.subject, filter.q)) : undefined;
  const where = and(search, filter.state ? stateCondition[filter.state] : undefined);
  const [items, [counts]] = await Promise.all([
    context.db
      .select(outboxSummaryColumns)
      .from(outboxMessages)
      .where(where)
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    context.db
      .select({
        waiting: sql<number>`count(*) filter (where ${stateCondition.waiting})::int`,
        sent: sql<number>`count(*) filter (where ${stateCondition.sent})::int`,
        failed: sql<number>`count(*) filter (where ${stateCondition.failed})::int`,
      })
      .from(outboxMessages)
      .where(search),
  ]);
  const total = filter.state ? counts[filter.state] : counts.waiting + counts.sent + counts.failed;
  return { items, total, page, pageSize, counts };
}
