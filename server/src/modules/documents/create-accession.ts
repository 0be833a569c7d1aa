import { and, desc, eq, isNull } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { Problem, conflict, invalid } from '../../platform/problem';
import { activeMemberIds } from '../networks/access';
import { insertDocument } from './create-document';
import { bindsWholeNetwork, currentVersionOf, liveSignatures, loadVisibleDocument, lockDocument } from './document-access';
import { presentDocument } from './get-document';
import { documentPolicy } from './policy';
import { documentSignatures, networkDocuments } from './schema';
import { loadTemplateOrganization, templateContext } from './template-context';
import { renderTemplate } from './templates';

/**
 * A member that joined after the agreement was signed accedes to it: the coordinator drafts an
 * accession for that organisation, which only its head and the managing organisation's head sign.
 */
export async function createAccession(context: CommandContext, input: { documentId: string; organizationId: string }) {
  const { document: parent, network } = await loadVisibleDocument(context.db, context.actor, input.documentId, { requireActor: true });
  authorize(context.actor, (actor) => documentPolicy.manage(actor, network));
  if (!bindsWholeNetwork(parent)) {
    throw new Problem(409, 'Присоединение недоступно', 'Присоединиться можно к договору или положению, которые подписывают все участники сети, — не к соглашению о присоединении, об обмене ресурсами, договору с названными сторонами или акту органа управления образованием.');
  }

  const created = await context.db.transaction(async (tx) => {
    // The parent's lock serialises two coordinators starting the same accession.
    const locked = await lockDocument(tx, parent.id);
    if (locked.state !== 'signed') throw new Problem(409, 'Присоединение недоступно', 'Присоединяются к документу, подписанному всеми сторонами. Пока документ не подписан, новый участник подписывает его сам.');
    if (!(await activeMemberIds(tx, network.id)).includes(input.organizationId)) {
      throw invalid('Присоединиться может только действующий участник сети.', [{ field: 'organizationId', message: 'Организация не является действующим участником сети' }]);
    }
    const current = await currentVersionOf(tx, locked);
    if ((await liveSignatures(tx, current.id)).some((s) => s.organizationId === input.organizationId)) {
      throw conflict('Эта организация уже подписала документ — присоединение не нужно.');
    }
    const [existing] = await tx
      .select({ id: networkDocuments.id })
      .from(networkDocuments)
      .where(and(eq(networkDocuments.parentDocumentId, locked.id), eq(networkDocuments.accedingOrganizationId, input.organizationId)))
      .limit(1);
    if (existing) throw conflict('Соглашение о присоединении этой организации к документу уже создано.');

    const [lastSignature] = await tx
      .select({ signedAt: documentSignatures.signedAt })
      .from(documentSignatures)
      .where(and(eq(documentSignatures.versionId, current.id), isNull(documentSignatures.voidedAt)))
      .orderBy(desc(documentSignatures.signedAt))
      .limit(1);
    const ctx = {
      ...(await templateContext(tx, network)),
      acceding: await loadTemplateOrganization(tx, input.organizationId),
      parent: { title: locked.title, signedAt: lastSignature?.signedAt ?? null },
    };
    const rendered = renderTemplate('accession', ctx);
    return insertDocument(tx, context, {
      networkId: network.id,
      kind: 'accession',
      title: rendered.title,
      body: rendered.body,
      parentDocumentId: locked.id,
      accedingOrganizationId: input.organizationId,
    });
  });
  return presentDocument(context.db, context.actor, created, network);
}
