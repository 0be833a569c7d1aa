import { eq } from 'drizzle-orm';
import type { Actor, CommandContext } from '../platform/context';
import { plans } from '../modules/plans/schema';
import { createDocument } from '../modules/documents/create-document';
import { currentVersionOf, loadDocument } from '../modules/documents/document-access';
import { sendForSignature } from '../modules/documents/send-for-signature';
import { signDocument } from '../modules/documents/sign-document';
import type { DemoHeads } from './demo-heads';
import type { DemoNetwork } from './demo-networks';

/**
 * The demo documents whose parties are not the whole network, made through the same commands people use: school
 * No. 31's bilateral contracts with its partners (seed 003), and the Pavlovsk committee's acts around its base school
 * (seed 001) — the order that enters the school into the register of base schools, signed by the committee alone, the
 * order creating the district and the committee's contract with the base school.
 */
export async function seedDemoPartyDocuments(db: CommandContext['db'], operator: CommandContext, networkId: string, demo: DemoNetwork, heads: DemoHeads, password: string) {
  const as = (actor: Actor): CommandContext => ({ db, actor, ip: 'seed' });
  const { id, headOf } = heads;
  const sendAndSign = async (documentId: string, signers: string[]) => {
    const version = await currentVersionOf(db, await loadDocument(db, documentId));
    await sendForSignature(operator, { documentId, versionId: version.id, sha256: version.sha256 });
    for (const key of signers) {
      await signDocument(as(await headOf(key)), { documentId, versionId: version.id, sha256: version.sha256, password, organizationId: id(key) });
    }
  };
  for (const contract of demo.bilateral ?? []) {
    const parties = [demo.managing, contract.partner];
    const [plan] = contract.annex ? await db.select({ id: plans.id }).from(plans).where(eq(plans.networkId, networkId)).limit(1) : [];
    const created = await createDocument(operator, { networkId, kind: 'agreement', partyOrganizationIds: parties.map(id), annexPlanId: plan?.id });
    if (contract.signedBy) await sendAndSign(created.id, contract.signedBy === 'both' ? parties : [demo.managing]);
  }
  if (demo.authority) {
    const { authority, baseSchool } = demo.authority;
    const order = await createDocument(operator, { networkId, kind: 'base_school_order', authorityOrganizationId: id(authority), baseSchoolOrganizationId: id(baseSchool) });
    await sendAndSign(order.id, [authority]);
    const creation = await createDocument(operator, { networkId, kind: 'district_creation_order', authorityOrganizationId: id(authority) });
    await sendAndSign(creation.id, [authority]);
    const contract = await createDocument(operator, { networkId, kind: 'base_school_contract', authorityOrganizationId: id(authority) });
    await sendAndSign(contract.id, [authority, baseSchool]);
  }
}
