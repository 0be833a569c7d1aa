import { and, eq, inArray, ne } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { authorize } from '../../platform/policy';
import { conflict, invalid, notSignedIn } from '../../platform/problem';
import { type NetworkRow, activeMemberIds, loadVisibleNetwork } from '../networks/access';
import { baseSchoolRegister, organizations } from '../organizations/schema';
import { annexFor } from './annex';
import { type PartyOrganization, partyOrganizations } from './document-access';
import { presentDocument } from './get-document';
import { versionSha256 } from './hashing';
import { documentPolicy } from './policy';
import { type AuthorityAct, type DocumentKind, type PartyScope, type PlanAnnex, documentVersions, networkDocuments } from './schema';
import { loadTemplateOrganization, templateContext } from './template-context';
import { renderTemplate } from './templates';

/** Kinds the coordinator drafts from the template list; accessions and exchange agreements start from their own records. */
export type TemplateKind = Exclude<DocumentKind, 'accession' | 'resource_exchange'>;

/** One-sided acts of an education authority: its only party is the authority, which alone signs. */
export const authorityActKinds: readonly DocumentKind[] = ['district_creation_order', 'base_school_order'];
/** Kinds that may bind only the organisations named (a bilateral contract, a leader–satellite agreement, an Art. 15 programme contract). */
export const namedPartyKinds: readonly DocumentKind[] = ['agreement', 'network_programme_agreement'];
/** School kinds that can be entered into the register of base schools. */
const schoolKinds = ['school', 'lyceum', 'gymnasium'];

export interface CreateDocumentInput {
  networkId: string;
  kind: TemplateKind;
  /** Replaces the template's title. */
  title?: string;
  /** Named parties (two or more of the network's members): only they sign. Absent: every active member. */
  partyOrganizationIds?: string[];
  /** The education authority that issues an authority act or signs the base-school contract. */
  authorityOrganizationId?: string;
  /** The school a base-school order enters into the register. */
  baseSchoolOrganizationId?: string;
  /** A plan of the network (or some of its top-level items) as the annex. */
  annexPlanId?: string;
  annexItemIds?: string[];
}

/** Inserts a document with its first version; shared by templates, accessions and resource exchange agreements. */
export async function insertDocument(
  tx: Database,
  context: Pick<CommandContext, 'actor' | 'ip'>,
  values: {
    networkId: string;
    kind: DocumentKind;
    title: string;
    body: string;
    parentDocumentId?: string;
    accedingOrganizationId?: string;
    partyScope?: PartyScope;
    partyOrganizationIds?: string[];
    annex?: PlanAnnex;
    act?: AuthorityAct;
    /** `signing` when the text needs no coordinator's review: an exchange agreement states terms its parties already agreed. */
    state?: 'draft' | 'signing';
  },
) {
  const userId = context.actor?.userId ?? null;
  const partyScope = values.partyScope ?? (values.kind === 'accession' || values.kind === 'resource_exchange' ? 'named' : 'members');
  const [document] = await tx
    .insert(networkDocuments)
    .values({
      networkId: values.networkId,
      kind: values.kind,
      title: values.title,
      state: values.state ?? 'draft',
      parentDocumentId: values.parentDocumentId,
      accedingOrganizationId: values.accedingOrganizationId,
      partyScope,
      partyOrganizationIds: values.partyOrganizationIds,
      annexPlanId: values.annex?.planId,
      createdBy: userId,
    })
    .returning();
  const sha256 = versionSha256(values.title, values.body, values);
  const [version] = await tx
    .insert(documentVersions)
    .values({ documentId: document.id, version: 1, title: values.title, body: values.body, annex: values.annex ?? null, act: values.act ?? null, sha256, createdBy: userId })
    .returning();
  await recordAudit(tx, context, {
    action: 'document.created',
    entityType: 'network_document',
    entityId: document.id,
    after: {
      networkId: values.networkId,
      kind: values.kind,
      title: values.title,
      state: document.state,
      versionId: version.id,
      version: 1,
      sha256,
      parentDocumentId: values.parentDocumentId ?? null,
      accedingOrganizationId: values.accedingOrganizationId ?? null,
      partyScope,
      partyOrganizationIds: values.partyOrganizationIds ?? null,
      annexPlanId: values.annex?.planId ?? null,
      annexItemIds: values.annex?.itemIds ?? null,
      act: values.act ?? null,
    },
  });
  return document;
}

const partiesError = (message: string, field = 'partyOrganizationIds') => invalid(message, [{ field, message }]);

/** The authority named for an act or the base-school contract: an education authority of the network's territory. */
async function loadAuthority(db: Database, network: NetworkRow, id: string | undefined): Promise<PartyOrganization> {
  if (!id) throw partiesError('Укажите орган управления образованием, который издаёт акт или заключает договор.', 'authorityOrganizationId');
  const authority = (await partyOrganizations(db, [id])).get(id);
  if (!authority || authority.kind !== 'authority') throw partiesError('Сторона должна быть органом управления образованием.', 'authorityOrganizationId');
  if (!network.municipalityIds.includes(authority.municipalityId)) {
    throw partiesError('Орган управления образованием должен действовать на территории сети.', 'authorityOrganizationId');
  }
  return authority;
}

/**
 * Who the parties of a new document are, from its kind and the input; 422 in Russian when they do not fit: named
 * parties are two or more of the network's active members (or its managing organisation), an authority act has one
 * authority of the network's territory, the base-school contract binds the authority and the network's managing school.
 */
async function partiesFor(db: Database, network: NetworkRow, input: CreateDocumentInput): Promise<{ scope: PartyScope; ids?: string[]; authority: PartyOrganization | null }> {
  if (authorityActKinds.includes(input.kind)) {
    if (input.partyOrganizationIds?.length) throw partiesError('Акт органа управления образованием подписывает только сам орган: другие стороны не указываются.');
    const authority = await loadAuthority(db, network, input.authorityOrganizationId);
    return { scope: 'authority', ids: [authority.id], authority };
  }
  if (input.kind === 'base_school_contract') {
    const authority = await loadAuthority(db, network, input.authorityOrganizationId);
    return { scope: 'named', ids: [authority.id, network.managingOrganizationId], authority: null };
  }
  if (input.authorityOrganizationId) throw partiesError('Орган управления образованием — сторона только своих актов и договора с базовой школой.', 'authorityOrganizationId');
  if (!input.partyOrganizationIds?.length) return { scope: 'members', authority: null };
  if (!namedPartyKinds.includes(input.kind)) {
    throw partiesError('Этот документ подписывают все участники сети: названные стороны бывают у договора о сотрудничестве и договора о сетевой форме реализации программы.');
  }
  const ids = [...new Set(input.partyOrganizationIds)];
  if (ids.length < 2) throw partiesError('У договора должно быть не меньше двух сторон.');
  const eligible = new Set([...(await activeMemberIds(db, network.id)), network.managingOrganizationId]);
  if (ids.some((id) => !eligible.has(id))) throw partiesError('Сторонами могут быть только действующие участники сети и координирующая организация.');
  return { scope: 'named', ids, authority: null };
}

/** For a base-school order: the school it enters into the register — one of the network's, of the authority's municipality, not yet registered. */
async function baseSchoolAct(db: Database, network: NetworkRow, authority: PartyOrganization, id: string | undefined): Promise<AuthorityAct> {
  const field = 'baseSchoolOrganizationId';
  if (!id) throw partiesError('Укажите школу, которую приказ вносит в реестр базовых школ.', field);
  const [school] = await db
    .select({ id: organizations.id, kind: organizations.kind, fullName: organizations.fullName, municipalityId: organizations.municipalityId })
    .from(organizations)
    .where(eq(organizations.id, id))
    .limit(1);
  const inNetwork = id === network.managingOrganizationId || (await activeMemberIds(db, network.id)).includes(id);
  if (!school || !inNetwork) throw partiesError('В реестр вносится школа этой сети.', field);
  if (!schoolKinds.includes(school.kind)) throw partiesError('Базовой может быть только общеобразовательная школа (школа, лицей, гимназия).', field);
  if (school.municipalityId !== authority.municipalityId) throw partiesError('Орган управления образованием вносит в реестр только школу своей территории.', field);
  const [registered] = await db.select({ effectiveOn: baseSchoolRegister.effectiveOn }).from(baseSchoolRegister).where(eq(baseSchoolRegister.organizationId, id)).limit(1);
  if (registered) throw conflict(`Школа уже внесена в реестр базовых школ (с ${registered.effectiveOn.split('-').reverse().join('.')}).`);
  return { kind: 'base_school_register', organizationId: school.id, organizationName: school.fullName };
}

/** Drafts a document of the network from its Russian template, filled from the network and its parties. */
export async function createDocument(context: CommandContext, input: CreateDocumentInput) {
  if (!context.actor) throw notSignedIn();
  const network = await loadVisibleNetwork(context.db, context.actor, input.networkId);
  // Whoever sees the network but may not draft here learns no more than 403 (an authority's act: the authority's people).
  if ((input.kind as DocumentKind) === 'accession' || (input.kind as DocumentKind) === 'resource_exchange') {
    authorize(context.actor, (actor) => documentPolicy.manage(actor, network));
    throw invalid('Этот вид документа создаётся не из списка шаблонов: соглашение о присоединении — из подписанного договора, соглашение об обмене ресурсами — из принятого обмена.', [
      { field: 'kind', message: 'Выберите другой вид документа' },
    ]);
  }
  const authorityId = authorityActKinds.includes(input.kind) ? input.authorityOrganizationId : undefined;
  const issuing = authorityId ? ((await partyOrganizations(context.db, [authorityId])).get(authorityId) ?? null) : null;
  authorize(context.actor, (actor) => documentPolicy.manageDocument(actor, network, issuing?.kind === 'authority' ? issuing : null));
  const parties = await partiesFor(context.db, network, input);
  const act = input.kind === 'base_school_order' ? await baseSchoolAct(context.db, network, parties.authority!, input.baseSchoolOrganizationId) : undefined;
  if (input.kind !== 'base_school_order' && input.baseSchoolOrganizationId) throw partiesError('Школу в реестр вносит только приказ о внесении в реестр базовых школ.', 'baseSchoolOrganizationId');
  if (input.annexItemIds?.length && !input.annexPlanId) throw partiesError('Выберите план, пункты которого берутся в приложение.', 'annexPlanId');
  if (input.annexPlanId && authorityActKinds.includes(input.kind)) throw partiesError('К акту органа управления план приложением не прикладывается.', 'annexPlanId');
  const annex = input.annexPlanId ? await annexFor(context.db, network.id, input.annexPlanId, input.annexItemIds) : undefined;

  const base = await templateContext(context.db, network, undefined, parties.scope === 'members' ? undefined : parties.ids);
  const rendered = renderTemplate(input.kind, {
    ...base,
    partyScope: parties.scope,
    authority: parties.authority ? await loadTemplateOrganization(context.db, parties.authority.id) : input.kind === 'base_school_contract' ? await loadTemplateOrganization(context.db, input.authorityOrganizationId!) : undefined,
    baseSchool: act ? await loadTemplateOrganization(context.db, act.organizationId) : undefined,
    annex: annex ? { title: annex.title } : undefined,
  });
  const title = input.title?.trim() || rendered.title;
  const document = await context.db.transaction((tx) =>
    insertDocument(tx, context, { networkId: network.id, kind: input.kind, title, body: rendered.body, partyScope: parties.scope, partyOrganizationIds: parties.ids, annex, act }),
  );
  return presentDocument(context.db, context.actor, document, network);
}

/**
 * Who may be a party of a new document of the network, for the form: the managing organisation and the active members,
 * and the education authorities of the network's territory (with whether each school is a base school already).
 */
export async function documentPartyChoices(context: CommandContext, networkId: string) {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const members = await activeMemberIds(context.db, network.id);
  const ids = [...new Set([network.managingOrganizationId, ...members])];
  const rows = await context.db
    .select({ id: organizations.id, shortName: organizations.shortName, kind: organizations.kind, registeredOn: baseSchoolRegister.effectiveOn })
    .from(organizations)
    .leftJoin(baseSchoolRegister, eq(baseSchoolRegister.organizationId, organizations.id))
    .where(inArray(organizations.id, ids));
  const authorities = network.municipalityIds.length
    ? await context.db
        .select({ id: organizations.id, shortName: organizations.shortName })
        .from(organizations)
        .where(and(eq(organizations.kind, 'authority'), inArray(organizations.municipalityId, network.municipalityIds), ne(organizations.state, 'archived')))
    : [];
  const collator = new Intl.Collator('ru');
  const byName = (a: { shortName: string }, b: { shortName: string }) => collator.compare(a.shortName, b.shortName);
  return {
    managingOrganizationId: network.managingOrganizationId,
    organizations: rows
      .map((r) => ({ organizationId: r.id, shortName: r.shortName, school: schoolKinds.includes(r.kind), baseSchoolSince: r.registeredOn }))
      .sort((a, b) => Number(b.organizationId === network.managingOrganizationId) - Number(a.organizationId === network.managingOrganizationId) || byName(a, b)),
    authorities: authorities.sort(byName).map((a) => ({ organizationId: a.id, shortName: a.shortName })),
  };
}
