import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem, conflict, forbidden, invalid, notFound } from '../../platform/problem';
import { russianSortKey } from '../../algorithms/russian-sort-key';
import { type OrganizationChanges, coordinateErrors } from './fields';
import { cardFields, organizationPolicy } from './policy';
import { auditSnapshot, loadOrganization, presentOrganizations } from './present-organization';
import { organizations } from './schema';
import { explainWriteError } from './write-errors';
import { requireMunicipality } from './require-municipality';

export const staleVersion = () => conflict('Карточку уже изменил другой пользователь. Обновите страницу и внесите правки ещё раз.');

/** Applies the changed fields if the card is still at `version`; a concurrent editor gets 409, never a silent overwrite. */
export async function updateOrganization(context: CommandContext, id: string, version: number, changes: OrganizationChanges) {
  const current = await loadOrganization(context.db, id);
  if (!current) throw notFound('Организация');
  authorize(context.actor, (actor) => organizationPolicy.update(actor, current));
  if (current.state === 'archived') throw new Problem(409, 'Организация в архиве', 'Карточку организации из архива изменить нельзя.');

  const registryChanges = Object.keys(changes).filter((field) => !(cardFields as readonly string[]).includes(field));
  if (registryChanges.length && !organizationPolicy.updateRegistryFields(context.actor, current)) {
    throw forbidden('Тип, статусы, реквизиты и муниципалитет организации меняет оператор или орган управления образованием.');
  }
  if (changes.municipalityId && changes.municipalityId !== current.municipalityId) {
    authorize(context.actor, (actor) => organizationPolicy.create(actor, { municipalityId: changes.municipalityId! }));
    await requireMunicipality(context.db, changes.municipalityId);
  }
  const errors = coordinateErrors({ lat: changes.lat !== undefined ? changes.lat : current.lat, lon: changes.lon !== undefined ? changes.lon : current.lon });
  if (errors.length) throw invalid('Проверьте координаты.', errors);

  const row = await context.db
    .transaction(async (tx) => {
      const [updated] = await tx
        .update(organizations)
        .set({
          ...changes,
          ...(changes.shortName ? { sortKey: russianSortKey(changes.shortName) } : {}),
          version: sql`${organizations.version} + 1`,
          updatedAt: new Date(),
        })
        .where(and(eq(organizations.id, id), eq(organizations.version, version)))
        .returning();
      if (!updated) throw staleVersion();
      await recordAudit(tx, context, { action: 'organization.updated', entityType: 'organization', entityId: id, before: auditSnapshot(current), after: auditSnapshot(updated) });
      return updated;
    })
    .catch(explainWriteError);
  const [view] = await presentOrganizations(context.db, [row]);
  return view;
}
