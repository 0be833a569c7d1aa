import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { verifySignatureChains } from '../documents/verify-signatures';
import { auditPolicy } from './policy';
import { readChainHead, readPublishedHead } from './publish-audit-head';
import { verifyAuditChain } from './verify-audit-chain';

/** Shown on the operator's audit page: more would not be read, the CLI lists them all. */
const SHOWN = 100;

/** The chain's head in the database and the last one published outside it, for the operator's audit page. */
export async function auditChainStatus(context: CommandContext, dataDir: string) {
  authorize(context.actor, auditPolicy.browse);
  return { head: await readChainHead(context.db), published: await readPublishedHead(dataDir) };
}

/** «Проверить журнал»: the audit chain against the last published head, and every signature chain. */
export async function checkIntegrity(context: CommandContext, dataDir: string) {
  authorize(context.actor, auditPolicy.browse);
  const published = await readPublishedHead(dataDir);
  const audit = await verifyAuditChain(context.db, { publishedHead: published });
  const signatures = await verifySignatureChains(context.db);
  return {
    intact: audit.broken.length === 0 && signatures.broken.length === 0,
    checkedAt: new Date().toISOString(),
    published,
    audit: { entries: audit.entries, last: audit.last, problems: audit.broken.length, broken: audit.broken.slice(0, SHOWN) },
    signatures: { documents: signatures.documents, signatures: signatures.signatures, problems: signatures.broken.length, broken: signatures.broken.slice(0, SHOWN) },
  };
}
