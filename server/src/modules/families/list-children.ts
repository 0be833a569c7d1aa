import { asc, eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { notSignedIn } from '../../platform/problem';
import { presentChild } from './present-child';
import { children } from './schema';

/** The caller's own children, in the order they were added; empty for anyone who registered none. */
export async function listChildren(context: CommandContext) {
  if (!context.actor) throw notSignedIn();
  const rows = await context.db.select().from(children).where(eq(children.guardianUserId, context.actor.userId)).orderBy(asc(children.createdAt));
  return { items: await Promise.all(rows.map((child) => presentChild(context.db, child, 'guardian'))) };
}
