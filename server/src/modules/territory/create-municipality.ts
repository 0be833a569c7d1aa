import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem } from '../../platform/problem';
import { getRegion } from './list-municipalities';
import { type MunicipalityInput, explainMunicipalityWriteError, presentMunicipality } from './municipality-fields';
import { territoryPolicy } from './policy';
import { municipalities } from './schema';

export async function createMunicipality(context: CommandContext, input: MunicipalityInput) {
  authorize(context.actor, territoryPolicy.manageMunicipalities);
  const region = await getRegion(context.db);
  if (!region) throw new Problem(409, 'Регион не настроен', 'Сначала настройте регион: муниципалитеты принадлежат ему.');
  const row = await context.db
    .transaction(async (tx) => {
      const [created] = await tx
        .insert(municipalities)
        .values({ ...input, subjectName: input.subjectName ?? '', regionId: region.id })
        .returning();
      await recordAudit(tx, context, { action: 'municipality.created', entityType: 'municipality', entityId: created.id, after: presentMunicipality(created) });
      return created;
    })
    .catch(explainMunicipalityWriteError);
  return presentMunicipality(row);
}
