import { type SQL, and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { loadPdfMake, roboto } from '../../platform/pdf';
import { users } from '../accounts/schema';
import type { ResourceCategory } from '../inventory/schema';
import { activeMemberIds, loadVisibleNetwork } from '../networks/access';
import { organizations } from '../organizations/schema';
import { regionToday } from '../territory/region-clock';
import { loadVisiblePractice, ownedBy, seesWorkOn, visiblePractices } from './access';
import { type PracticeListQuery, listPractices } from './list-practices';
import { type PracticeAudience, type PracticeLevel, practiceAttachments, practiceAuthors, practiceOrganizations, practiceVersions, practices } from './schema';

/** Words of a practice's card on paper (the web app has its own, in its strings). */
export const levelLabels: Record<PracticeLevel, string> = { preschool: 'дошкольное', primary: 'начальное', basic: 'основное', secondary: 'среднее', supplementary: 'дополнительное', management: 'управление' };
export const audienceLabels: Record<PracticeAudience, string> = { students: 'ученики', teachers: 'учителя', heads: 'руководители', parents: 'родители' };
export const categoryLabels: Record<ResourceCategory, string> = { staff: 'Кадровые', information: 'Информационные', facilities: 'Материально-технические', methodical: 'Методические', social: 'Социальные' };
const stateLabels = { draft: 'черновик', submitted: 'на рассмотрении', published: 'опубликована', archived: 'в архиве' } as const;
const reviewLabels = { none: 'Не оценивалась', in_review: 'На экспертизе', reviewed: 'Оценена экспертами' } as const;

/** A collection holds at most this many practices: a larger search result is cut, and the PDF says so. */
export const collectionLimit = 200;

/** One practice as an export prints it: the version a reader of the card sees, its people and materials. */
export interface ExportedPractice {
  id: string;
  title: string;
  versionNumber: number;
  state: keyof typeof stateLabels;
  review: string;
  organizations: string[];
  authors: string[];
  direction: string;
  levels: string;
  audiences: string;
  problem: string;
  description: string;
  conditions: { category: string; text: string }[];
  results: string;
  evidence: string;
  tags: string[];
  attachments: { title: string; url: string }[];
}

/**
 * The practices among `ids` the caller may see (visiblePractices, the one rule), in the order of `ids`, each with the
 * version its card shows: the published one, or — never published, to those who work on it — the one being drafted.
 */
async function loadExported(db: Database, context: CommandContext, ids: string[], extra?: SQL): Promise<ExportedPractice[]> {
  if (!ids.length) return [];
  const shownId = sql`coalesce(${practices.publishedVersionId}, case when ${seesWorkOn(context.actor)} then ${practices.workingVersionId} end)`;
  const rows = await db
    .select({ practice: practices, version: practiceVersions })
    .from(practices)
    .innerJoin(practiceVersions, sql`${practiceVersions.id} = ${shownId}`)
    .where(and(inArray(practices.id, ids), visiblePractices(context.actor), extra));
  const found = rows.map((r) => r.practice.id);
  if (!found.length) return [];
  const [orgs, authors, attachments] = await Promise.all([
    db
      .select({ practiceId: practiceOrganizations.practiceId, name: organizations.shortName })
      .from(practiceOrganizations)
      .innerJoin(organizations, eq(organizations.id, practiceOrganizations.organizationId))
      .where(inArray(practiceOrganizations.practiceId, found))
      .orderBy(asc(practiceOrganizations.position)),
    db
      .select({ practiceId: practiceAuthors.practiceId, name: sql<string>`coalesce(${users.fullName}, ${practiceAuthors.name}, '')` })
      .from(practiceAuthors)
      .leftJoin(users, eq(users.id, practiceAuthors.userId))
      .where(inArray(practiceAuthors.practiceId, found))
      .orderBy(asc(practiceAuthors.position)),
    db
      .select({ practiceId: practiceAttachments.practiceId, id: practiceAttachments.id, title: practiceAttachments.title, url: practiceAttachments.url })
      .from(practiceAttachments)
      .where(inArray(practiceAttachments.practiceId, found))
      .orderBy(asc(practiceAttachments.createdAt)),
  ]);
  const of = <T extends { practiceId: string }>(list: T[], id: string) => list.filter((row) => row.practiceId === id);
  const byId = new Map(
    rows.map(({ practice, version }): [string, ExportedPractice] => [
      practice.id,
      {
        id: practice.id,
        title: version.title,
        versionNumber: version.number,
        state: practice.state,
        review: reviewLabels[practice.reviewStatus],
        organizations: of(orgs, practice.id).map((o) => o.name),
        authors: of(authors, practice.id).map((a) => a.name),
        direction: version.direction,
        levels: version.levels.map((l) => levelLabels[l]).join(', '),
        audiences: version.audiences.map((a) => audienceLabels[a]).join(', '),
        problem: version.problem,
        description: version.description,
        conditions: version.conditions.map((c) => ({ category: categoryLabels[c.category], text: c.text })),
        results: version.results,
        evidence: version.evidence,
        tags: version.tags,
        // An uploaded file is named; its address in Orbita is of no use on paper.
        attachments: of(attachments, practice.id).map((a) => ({ title: a.title, url: a.url ?? `файл в «Орбите»` })),
      },
    ]),
  );
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

export interface ExportedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

const contentTypes = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf' } as const;
export type PracticeExportFormat = keyof typeof contentTypes;

/** A title as a file name: no characters Windows forbids, not too long. */
const fileTitle = (title: string) => title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100) || 'Практика';

/** The facts line under a practice's title. */
export const factsOf = (p: ExportedPractice) => [
  ['Организации', p.organizations.join(', ')],
  ['Авторы', p.authors.join(', ')],
  ['Направление', p.direction],
  ['Уровень', p.levels],
  ['С кем работает', p.audiences],
  ['Экспертиза', p.review],
  ['Версия', `${p.versionNumber}${p.state === 'published' ? '' : ` (${stateLabels[p.state]})`}`],
].filter(([, value]) => value) as [string, string][];

/** The sections of a card, in the card's order; empty ones are left out. */
export const sectionsOf = (p: ExportedPractice): { title: string; text?: string; items?: string[] }[] =>
  [
    { title: 'Какую проблему решает', text: p.problem },
    { title: 'Описание', text: p.description },
    { title: 'Условия и ресурсы', items: p.conditions.map((c) => `${c.category}: ${c.text}`) },
    { title: 'Результаты', text: p.results },
    { title: 'Чем подтверждены', text: p.evidence },
    { title: 'Материалы', items: p.attachments.map((a) => `${a.title} — ${a.url}`) },
    { title: 'Теги', text: p.tags.join(', ') },
  ].filter((s) => (s.items ? s.items.length > 0 : !!s.text));

/** A practice's card as DOCX or PDF, for whoever may see the practice (404 to anyone else). */
export async function exportPractice(context: CommandContext, id: string, format: PracticeExportFormat): Promise<ExportedFile> {
  await loadVisiblePractice(context.db, context.actor, id);
  // Whoever sees a practice sees a version of it: the published one, or the draft they work on.
  const [practice] = await loadExported(context.db, context, [id]);
  const data = format === 'docx' ? await (await import('./practice-docx')).practiceToDocx(practice) : await collectionPdf({ title: practice.title, practices: [practice], contents: false });
  return { fileName: `${fileTitle(practice.title)}.${format}`, contentType: contentTypes[format], data };
}

/** The library's search result (the same query as GET /api/practices, every page up to the limit) as one PDF with contents. */
export async function exportLibrary(context: CommandContext, query: PracticeListQuery): Promise<ExportedFile> {
  const found = await listPractices(context, { ...query, cursor: undefined, page: undefined, pageSize: collectionLimit });
  const list = await loadExported(context.db, context, found.items.map((i) => i.id));
  const subtitle = [query.q && `запрос «${query.q}»`, query.direction && `направление «${query.direction}»`, query.level && `уровень: ${levelLabels[query.level]}`, query.audience && `с кем работает: ${audienceLabels[query.audience]}`]
    .filter(Boolean)
    .join('; ');
  const data = await collectionPdf({ title: 'Подборка практик', subtitle: subtitle || 'Библиотека практик', practices: list, total: found.total, contents: true });
  return { fileName: `Подборка практик ${await regionToday(context.db)}.pdf`, contentType: contentTypes.pdf, data };
}

/**
 * A network's practices — published practices of its active member organisations, as everyone may read them — as one
 * PDF with contents. The network must be one the caller sees (404 otherwise, as a missing one).
 */
export async function exportNetworkPractices(context: CommandContext, networkId: string): Promise<ExportedFile> {
  const network = await loadVisibleNetwork(context.db, context.actor, networkId);
  const members = await activeMemberIds(context.db, network.id);
  const published = eq(practices.state, 'published');
  const rows = members.length
    ? await context.db
        .select({ id: practices.id })
        .from(practices)
        .innerJoin(practiceVersions, eq(practiceVersions.id, practices.publishedVersionId))
        .where(and(published, ownedBy(members), visiblePractices(context.actor)))
        .orderBy(asc(practiceVersions.title), asc(practices.id))
    : [];
  const list = await loadExported(context.db, context, rows.slice(0, collectionLimit).map((r) => r.id), published);
  const data = await collectionPdf({ title: `Практики сети «${network.name}»`, subtitle: 'Опубликованные практики организаций — участников сети', practices: list, total: rows.length, contents: true });
  return { fileName: `Практики сети ${fileTitle(network.name)} ${await regionToday(context.db)}.pdf`, contentType: contentTypes.pdf, data };
}

interface Collection {
  title: string;
  subtitle?: string;
  practices: ExportedPractice[];
  /** How many were found: more than printed past the limit. */
  total?: number;
  /** A table of contents before the practices, each practice from a new page. */
  contents: boolean;
}

/** Practices as a PDF: one card, or a collection with a table of contents (pdfmake's toc and tocItem). */
export async function collectionPdf(c: Collection): Promise<Buffer> {
  const pdf = loadPdfMake();
  // Other modules may register their own fonts on the shared instance: name ours each time.
  pdf.setFonts({ Roboto: roboto });
  const cut = c.total !== undefined && c.total > c.practices.length;
  const card = (p: ExportedPractice, index: number) => [
    { text: p.title, style: 'h1', ...(c.contents ? { tocItem: true, pageBreak: index ? 'before' : undefined } : {}) },
    {
      table: { widths: [110, '*'], body: factsOf(p).map(([label, value]) => [{ text: label, color: '#555555' }, value]) },
      layout: 'noBorders',
      margin: [0, 0, 0, 8],
    },
    ...sectionsOf(p).flatMap((s) => [{ text: s.title, style: 'h2', headlineLevel: 2 }, s.items ? { ul: s.items, margin: [8, 0, 0, 6] } : { text: s.text, style: 'paragraph' }]),
  ];
  const definition = {
    pageSize: 'A4',
    pageMargins: [56, 48, 42, 52],
    info: { title: c.title, author: 'Орбита', creator: 'Орбита' },
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 6] },
      subtitle: { fontSize: 10, color: '#555555', margin: [0, 0, 0, 16] },
      h1: { fontSize: 15, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 11.5, bold: true, margin: [0, 8, 0, 4] },
      paragraph: { margin: [0, 0, 0, 6] },
    },
    footer: (currentPage: number, pageCount: number) => ({ id: 'footer', text: `${c.title} · стр. ${currentPage} из ${pageCount}`, fontSize: 7.5, color: '#777777', alignment: 'center', margin: [40, 16, 40, 0] }),
    // A heading left alone at the foot of a page moves to the next one, with the text it introduces.
    pageBreakBefore: (node: { headlineLevel?: number }, nodes: { getFollowingNodesOnPage(): { id?: string }[] }) =>
      node.headlineLevel !== undefined && nodes.getFollowingNodesOnPage().every((following) => following.id === 'footer'),
    content: c.contents
      ? [
          { text: c.title, style: 'title' },
          ...(c.subtitle ? [{ text: c.subtitle, style: 'subtitle' }] : []),
          c.practices.length
            ? { toc: { title: { text: cut ? `Содержание (первые ${c.practices.length} из ${c.total})` : `Содержание (${c.practices.length})`, style: 'h2' } } }
            : { text: 'Практик не найдено.' },
          ...(c.practices.length ? [{ text: '', pageBreak: 'after' }] : []),
          ...c.practices.flatMap(card),
        ]
      : c.practices.flatMap(card),
  };
  return pdf.createPdf(definition).getBuffer();
}
