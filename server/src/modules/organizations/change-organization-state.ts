import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { Actor, CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem, notFound } from '../../platform/problem';
import { organizationPolicy } from './policy';
import { auditSnapshot, loadOrganization, presentOrganizations } from './present-organization';
import { type OrganizationState, organizations } from './schema';
import { staleVersion } from './update-organization';

type OrganizationRow = typeof organizations.$inferSelect;

/** Moves an organisation to another state under optimistic concurrency; verify and archive are both this. */
async function changeState(
  context: CommandContext,
  input: { id: string; version: number },
  rule: { to: OrganizationState; allowed: (actor: Actor, org: OrganizationRow) => boolean; from: OrganizationState[]; refusal: string; action: string },
) {
  const current = await loadOrganization(context.db, input.id);
  if (!current) throw notFound('Организация');
  authorize(context.actor, (actor) => rule.allowed(actor, current));
  if (!rule.from.includes(current.state)) throw new Problem(409, 'Действие недоступно', rule.refusal);
  const row = await context.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(organizations)
      .set({ state: rule.to, version: sql`${organizations.version} + 1`, updatedAt: new Date() })
      .where(and(eq(organizations.id, input.id), eq(organizations.version, input.version)))
      .returning();
    if (!updated) throw staleVersion();
    await recordAudit(tx, context, { action: rule.action, entityType: 'organization', entityId: input.id, before: auditSnapshot(current), after: auditSnapshot(updated) });
    return updated;
  });
  const [view] = await presentOrganizations(context.db, [row]);
  return view;
}

export const verifyOrganization = (context: CommandContext, input: { id: string; version: number }) =>
  changeState(context, input, {
    to: 'verified',
    from: ['unverified'],
    allowed: (actor) => organizationPolicy.verify(actor),
    refusal: 'Подтвердить можно только непроверенную организацию.',
    action: 'organization.verified',
  });

export const archiveOrganization = (context: CommandContext, input: { id: string; version: number }) =>
  changeState(context, input, {
    to: 'archived',
    from: ['unverified', 'verified'],
    allowed: (actor, org) => organizationPolicy.archive(actor, org),
    refusal: 'Организация уже в архиве.',
    action: 'organization.archived',
  });
