import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { uniqueViolation } from '../../platform/db/errors';
import { Problem, conflict, forbidden, invalid } from '../../platform/problem';
import { verifyPassword } from '../accounts/passwords';
import { users } from '../accounts/schema';
import { organizations } from '../organizations/schema';
import { enterBaseSchool } from '../organizations/base-schools';
import { regionToday } from '../territory/region-clock';
import { chainTail, currentVersionOf, liveSignatures, loadVisibleDocument, lockDocument, partyOrganizations, requireCurrent, requiredSigners } from './document-access';
import { presentDocument } from './get-document';
import { ZERO_HASH, signatureHash } from './hashing';
import { documentPolicy } from './policy';
import { documentSignatures, networkDocuments } from './schema';

export interface SignDocumentInput {
  documentId: string;
  /** The version the signer read and its SHA-256: if the text changed since, the signature is refused (409). */
  versionId: string;
  sha256: string;
  /** The signer's own password, confirming the simple electronic signature. */
  password: string;
  /** Needed only when the signer heads several parties. */
  organizationId?: string;
}

const notSigning = (state: string) =>
  new Problem(
    409,
    'Подписание недоступно',
    state === 'draft'
      ? 'Документ ещё не отправлен на подпись: координатор может изменить его текст.'
      : 'Документ уже подписан всеми сторонами. Организация, вступившая в сеть позже, присоединяется к нему соглашением о присоединении.',
  );

const alreadySigned = () => conflict('Ваша организация уже подписала эту редакцию документа.');

/**
 * The head of a party signs the version they read, confirming with their password. The signature
 * records the version's SHA-256, the time and the signer, and hashes the previous signature of the
 * document. Under the document's row lock: two signers take turns (both count once, the chain stays
 * linear), and an edit cannot slip between reading the text and signing it.
 */
export async function signDocument(context: CommandContext, input: SignDocumentInput) {
  const { document, network } = await loadVisibleDocument(context.db, context.actor, input.documentId, { requireActor: true });
  const actor = context.actor!;

  // Which party the caller signs for; checked again under the lock.
  const required = await requiredSigners(context.db, document, network);
  const partyInfo = await partyOrganizations(context.db, required);
  const headed = required.filter((id) => documentPolicy.signFor(actor, id, partyInfo.get(id)));
  if (!headed.length) {
    throw forbidden(document.partyScope === 'authority' ? 'Акт подписывает только издавший его орган управления образованием.' : 'Документ подписывают руководители организаций — сторон документа.');
  }
  let organizationId: string;
  if (input.organizationId) {
    if (!headed.includes(input.organizationId)) throw forbidden('Вы не можете подписать документ от имени этой организации.');
    organizationId = input.organizationId;
  } else {
    const current = await currentVersionOf(context.db, document);
    const signed = new Set((await liveSignatures(context.db, current.id)).map((s) => s.organizationId));
    const open = headed.filter((id) => !signed.has(id));
    if (open.length > 1) throw invalid('Вы руководите несколькими организациями — сторонами документа. Выберите, от имени какой подписываете.', [{ field: 'organizationId', message: 'Выберите организацию' }]);
    organizationId = open[0] ?? headed[0];
  }
  if (document.state !== 'signing') throw notSigning(document.state);

  const [user] = await context.db.select({ passwordHash: users.passwordHash, fullName: users.fullName }).from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user || !(await verifyPassword(user.passwordHash, input.password))) {
    throw invalid('Подпись не поставлена: пароль введён неверно.', [{ field: 'password', message: 'Неверный пароль' }]);
  }

  const updated = await context.db
    .transaction(async (tx) => {
      const locked = await lockDocument(tx, document.id);
      if (locked.state !== 'signing') throw notSigning(locked.state);
      const current = await currentVersionOf(tx, locked);
      requireCurrent(current, input, 'подпишите');
      const parties = await requiredSigners(tx, locked, network);
      if (!parties.includes(organizationId)) throw forbidden('Ваша организация не является стороной этого документа.');
      const signatures = await liveSignatures(tx, current.id);
      if (signatures.some((s) => s.organizationId === organizationId)) throw alreadySigned();

      // Each record hashes the one before it; times strictly increase, so the chain has one order.
      const tail = await chainTail(tx, locked.id);
      const now = new Date();
      const signedAt = tail && tail.signedAt.getTime() >= now.getTime() ? new Date(tail.signedAt.getTime() + 1) : now;
      const signedNow = new Set([...signatures.map((s) => s.organizationId), organizationId]);
      const documentState = parties.every((id) => signedNow.has(id)) ? ('signed' as const) : ('signing' as const);
      const [organization] = await tx.select({ fullName: organizations.fullName }).from(organizations).where(eq(organizations.id, organizationId)).limit(1);
      const record = {
        documentId: locked.id,
        versionId: current.id,
        versionSha256: current.sha256,
        organizationId,
        organizationName: organization.fullName,
        signerId: actor.userId,
        signerName: user.fullName,
        signedAt,
        documentState,
        previousHash: tail?.hash ?? ZERO_HASH,
      };
      const hash = signatureHash({ ...record, version: current.version });
      const [signature] = await tx.insert(documentSignatures).values({ ...record, hash }).returning();

      const [row] = await tx
        .update(networkDocuments)
        .set({ state: documentState, updatedAt: now })
        .where(eq(networkDocuments.id, locked.id))
        .returning();
      // A signed authority act changes the data the authority governs, in the same transaction: from the order's date.
      if (documentState === 'signed' && current.act?.kind === 'base_school_register') {
        await enterBaseSchool(tx, context, {
          organizationId: current.act.organizationId,
          effectiveOn: await regionToday(tx, signedAt),
          documentId: locked.id,
          authorityOrganizationId: organizationId,
        });
      }
      await recordAudit(tx, context, {
        action: 'document.signed',
        entityType: 'network_document',
        entityId: locked.id,
        before: { state: locked.state },
        after: {
          state: row.state,
          signatureId: signature.id,
          version: current.version,
          versionId: current.id,
          versionSha256: current.sha256,
          organizationId,
          signedAt: signedAt.toISOString(),
          previousHash: record.previousHash,
          hash,
        },
      });
      return row;
    })
    .catch((error: unknown) => {
      // The unique index (version, organisation) is the last line: a second signature for one party never lands.
      if (uniqueViolation(error) === 'network_document_signatures_once') throw alreadySigned();
      throw error;
    });
  return presentDocument(context.db, context.actor, updated, network);
}
