import { eq } from 'drizzle-orm';
import type { Actor, CommandContext } from '../platform/context';
import { users } from '../modules/accounts/schema';
import { loadActor } from '../modules/accounts/sessions';
import { addCouncilMember } from '../modules/councils/add-council-member';
import { createDocument } from '../modules/documents/create-document';
import { currentVersionOf, loadDocument } from '../modules/documents/document-access';
import { sendForSignature } from '../modules/documents/send-for-signature';
import { signDocument } from '../modules/documents/sign-document';
import { answerMembership } from '../modules/networks/answer-membership';
import { createNetwork } from '../modules/networks/create-network';
import { loadNetworkUnscreened } from '../modules/networks/access';
import { computeLaunchPath } from '../modules/networks/get-launch-path';
import { adaptLaunchPath, launchNetwork, markLaunchStep } from '../modules/networks/mark-launch-step';
import { proposeMembership } from '../modules/networks/propose-membership';
import { addPlanItem } from '../modules/plans/add-plan-item';
import { createPlan } from '../modules/plans/create-plan';
import type { DemoHeads } from './demo-heads';
import { electDemoCouncil, seatDemoOutsiders, seatInvitationOptions } from './seed-demo-councils';
import { type DemoNetwork, demoNetworks } from './demo-networks';
import { seedDemoPartyDocuments } from './seed-demo-documents';

const STAGES = ['invitations', 'council', 'signing', 'planning', 'launched'] as const;
const reached = (network: DemoNetwork, stage: (typeof STAGES)[number]) => STAGES.indexOf(network.stage) >= STAGES.indexOf(stage);

/**
 * Builds the demo networks through the same commands people use — invitations accepted by each
 * organisation's head, councils, documents signed with passwords, plans — so the demo is consistent
 * and audited. Returns the networks' ids by their demo keys.
 */
export async function seedDemoNetworks(db: CommandContext['db'], heads: DemoHeads, operatorEmail: string, password: string) {
  const as = (actor: Actor): CommandContext => ({ db, actor, ip: 'seed' });
  const [operatorUser] = await db.select().from(users).where(eq(users.email, operatorEmail));
  const operator = as(await loadActor(db, operatorUser));
  const { id, headOf } = heads;
  const networkIds = new Map<string, string>();
  for (const demo of demoNetworks) {
    const network = await createNetwork(operator, {
      name: demo.name,
      kind: demo.kind,
      strategicGoal: demo.strategicGoal,
      tacticalGoals: demo.tacticalGoals,
      directions: demo.directions,
      description: demo.description,
      managingOrganizationId: id(demo.managing),
      parentNetworkId: demo.parent ? networkIds.get(demo.parent) : null,
    });
    networkIds.set(demo.key, network.id);
    if (demo.adaptedPath) {
      await adaptLaunchPath(operator, network.id, { revision: 0, steps: demo.adaptedPath.steps.map((key) => ({ key })), reason: demo.adaptedPath.reason });
    }

    for (const [key, role] of demo.members) {
      const invitation = await proposeMembership(operator, network.id, { organizationId: id(key), role, message: 'Приглашаем к совместной работе в сети.' }, 'invitation');
      await answerMembership(as(await headOf(key)), invitation.id, 'accept');
    }
    for (const [key, role] of demo.invited ?? []) {
      await proposeMembership(operator, network.id, { organizationId: id(key), role, message: 'Приглашаем присоединиться к сети.' }, 'invitation');
    }

    if (demo.election && reached(demo, 'council')) {
      await electDemoCouncil(operator, as, heads, network.id, demo.election);
    } else if (reached(demo, 'council') || demo.outsideSeats) {
      for (const [key, role] of demo.council ?? []) {
        const head = await headOf(key);
        await addCouncilMember(operator, network.id, { kind: 'representative', fullName: head.fullName, position: 'Директор', organizationId: id(key), userId: head.userId, affiliation: '', role }, seatInvitationOptions());
      }
      if (demo.outsideSeats) await seatDemoOutsiders(operator, network.id, demo.outsideSeats, password);
    }

    let planId: string | null = null;
    if (demo.plan && reached(demo, 'council')) {
      const plan = await createPlan(operator, network.id, { title: demo.plan.title, kind: demo.plan.kind ?? (demo.kind === 'association' ? 'roadmap' : 'network_plan') });
      const itemIds: string[] = [];
      for (const item of demo.plan.items) {
        const added = await addPlanItem(operator, plan.id, {
          activity: item.activity,
          startsOn: item.startsOn,
          endsOn: item.endsOn,
          responsibleOrganizationIds: item.responsible.map(id),
          responsiblePeople: '',
          expectedResult: item.expectedResult,
          state: item.state,
          progress: item.progress,
          parentId: item.parent === undefined ? null : itemIds[item.parent],
        });
        itemIds.push(added.id);
      }
      planId = plan.id;
    }

    await seedDemoPartyDocuments(db, operator, network.id, demo, heads, password);

    if (!reached(demo, 'council')) continue;
    const signers = [demo.managing, ...demo.members.map(([key]) => key)];
    // A district signs its agreement and the district's regulation (seed 001); a partnership its agreement (seed 002);
    // alliances and associations an agreement and their council's regulation.
    const documentKinds =
      demo.kind === 'district' ? (['agreement', 'district_regulation'] as const) : demo.kind === 'partnership' ? ([] as const) : (['agreement', 'council_regulation'] as const);
    if (demo.kind === 'partnership' && planId) {
      // Seed 002: the leader signs an agreement with each satellite, the joint plan as its annex. The first is signed
      // by the two heads, the others are drafts: the agreement step stands at one satellite of three.
      for (const [index, [satellite]] of demo.members.entries()) {
        const created = await createDocument(operator, { networkId: network.id, kind: 'agreement', partyOrganizationIds: [id(demo.managing), id(satellite)], annexPlanId: planId });
        if (index > 0) continue;
        const version = await currentVersionOf(db, await loadDocument(db, created.id));
        await sendForSignature(operator, { documentId: created.id, versionId: version.id, sha256: version.sha256 });
        for (const key of [demo.managing, satellite]) {
          await signDocument(as(await headOf(key)), { documentId: created.id, versionId: version.id, sha256: version.sha256, password, organizationId: id(key) });
        }
      }
    }
    for (const [index, kind] of documentKinds.entries()) {
      const created = await createDocument(operator, { networkId: network.id, kind });
      if (!reached(demo, 'signing') || (index === 1 && !reached(demo, 'planning'))) continue;
      const version = await currentVersionOf(db, await loadDocument(db, created.id));
      await sendForSignature(operator, { documentId: created.id, versionId: version.id, sha256: version.sha256 });
      // A district in the middle of signing; an association whose regulation is half signed; the rest fully signed.
      const signing = demo.stage === 'signing' || (demo.stage === 'planning' && index === 1) ? signers.slice(0, Math.ceil(signers.length / 2)) : signers;
      for (const key of signing) {
        await signDocument(as(await headOf(key)), { documentId: created.id, versionId: version.id, sha256: version.sha256, password, organizationId: id(key) });
      }
    }

    if (demo.stage === 'launched') {
      // Each network on its kind's path: the steps no data proves are marked (the inventory step is proven by the
      // members' recorded resources and needs, seed-demo-inventory.ts); a gated path is then launched — an
      // alliance's light path has no gate, so the Kaliningrad alliance simply works.
      const path = await computeLaunchPath(db, await loadNetworkUnscreened(db, network.id));
      for (const step of path.steps.filter((s) => !s.done && s.markable && s.step !== 'inventory')) {
        await markLaunchStep(operator, network.id, step.step, { done: true, note: 'Выполнено по решению координационного совета' });
      }
      if (path.gated) await launchNetwork(operator, network.id);
    }
  }
  return networkIds;
}
