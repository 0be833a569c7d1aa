import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { invalid } from '../../platform/problem';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { type OrganizationInput, coordinateErrors } from './fields';
import { organizationPolicy } from './policy';
import { auditSnapshot, presentOrganizations } from './present-organization';
import { organizations } from './schema';
import { explainWriteError } from './write-errors';
import { requireMunicipality } from './require-municipality';

export async function createOrganization(context: CommandContext, input: OrganizationInput) {
  authorize(context.actor, (actor) => organizationPolicy.create(actor, input));
  const errors = coordinateErrors(input);
  if (errors.length) throw invalid('Проверьте координаты.', errors);
  await requireMunicipality(context.db, input.municipalityId);
  const row = await context.db
    .transaction(async (tx) => {
      const [created] = await tx
        .insert(organizations)
        .values({ ...input, sortKey: russianSortKey(input.shortName) })
        .returning();
      await recordAudit(tx, context, { action: 'organization.created', entityType: 'organization', entityId: created.id, after: auditSnapshot(created) });
      return created;
    })
    .catch(explainWriteError);
  const [view] = await presentOrganizations(context.db, [row]);
  return view;
}
