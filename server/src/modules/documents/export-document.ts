import { inArray } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { organizations } from '../organizations/schema';
import { annexText } from './annex';
import { type BodyBlock, parseBody } from './body-blocks';

import { loadVisibleDocument } from './document-access';
import { documentSignatures } from './schema';
import { type DocumentView, presentDocument } from './get-document';
import { regionTimezone } from '../territory/region-clock';
import { verifySignatureChains } from './verify-signatures';
import { loadPdfMake, roboto } from '../../platform/pdf';

/** The text and, when the version has one, its plan annex: both are what the signers signed. */
export const bodyWithAnnex = (view: { current: { body: string; annex: Parameters<typeof annexText>[0] | null } }) =>
  view.current.annex ? `${view.current.body.trimEnd()}\n\n${annexText(view.current.annex)}` : view.current.body;

export type DocumentExportFormat = 'docx' | 'pdf';

export interface ExportedDocument {
  /** ASCII name for the Content-Disposition fallback. */
  fileName: string;
  /** The Russian name (title and version) for `filename*`. */
  displayName: string;
  contentType: string;
  data: Buffer;
}

const contentTypes: Record<DocumentExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export const stateLabels = { draft: 'черновик', signing: 'на подписании', signed: 'подписан всеми сторонами' } as const;

/** One row of the signature sheet (лист подписания): a party of the current version, signed or not yet. */
interface SheetRow {
  organization: string;
  signer: string;
  signedAt: string;
  versionSha256: string;
  hash: string;
}

export interface ExportModel {
  view: DocumentView;
  timezone: string;
  rows: SheetRow[];
  intact: boolean;
  exportedAt: string;
}

const formatTime = (date: Date, timezone: string) =>
  new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: timezone }).format(date);

/** 64 hex characters in two lines, so that a hash fits a table cell and still reads whole. */
export const splitHash = (hash: string) => (hash.length > 32 ? `${hash.slice(0, 32)}\n${hash.slice(32)}` : hash);

async function exportModel(context: CommandContext, id: string): Promise<ExportModel> {
  const { document, network } = await loadVisibleDocument(context.db, context.actor, id);
  const view = await presentDocument(context.db, context.actor, document, network);
  const timezone = await regionTimezone(context.db);
  const fullNames = new Map(
    view.parties.length
      ? (await context.db.select({ id: organizations.id, fullName: organizations.fullName }).from(organizations).where(inArray(organizations.id, view.parties.map((p) => p.organizationId)))).map((o) => [o.id, o.fullName])
      : [],
  );
  const live = view.signatures.filter((s) => s.versionId === view.current.id && !s.voidedAt);
  // A signed row prints the organisation's name as it was signed, which the signature's hash covers.
  const signedAs = new Map(
    live.length
      ? (await context.db.select({ id: documentSignatures.id, organizationName: documentSignatures.organizationName }).from(documentSignatures).where(inArray(documentSignatures.id, live.map((s) => s.id)))).map((s) => [s.id, s.organizationName])
      : [],
  );
  const rows = view.parties.map((party): SheetRow => {
    const signature = live.find((s) => s.organizationId === party.organizationId);
    const organization = (signature && signedAs.get(signature.id)) || fullNames.get(party.organizationId) || party.organizationName;
    return signature
      ? { organization, signer: signature.signerName, signedAt: formatTime(new Date(signature.signedAt), timezone), versionSha256: signature.versionSha256, hash: signature.hash }
      : { organization, signer: '—', signedAt: 'не подписано', versionSha256: '', hash: '' };
  });
  const integrity = await verifySignatureChains(context.db, { documentId: document.id });
  return { view, timezone, rows, intact: integrity.broken.length === 0, exportedAt: formatTime(new Date(), timezone) };
}

export const sheetNote = (m: ExportModel) =>
  `Документ подписан простой электронной подписью на платформе «Орбита». Каждая подпись фиксирует хеш SHA-256 текста редакции, время и подписанта и содержит хеш предыдущей подписи документа (цепочка). ` +
  (m.intact ? 'Проверка цепочки подписей при выгрузке: нарушений нет.' : 'ВНИМАНИЕ: проверка цепочки подписей при выгрузке обнаружила нарушения целостности — обратитесь к оператору платформы.');

export const sheetHeader = (m: ExportModel) => ['№', 'Организация', 'Подписант', `Дата и время (${m.timezone})`, 'SHA-256 редакции', 'Хеш подписи'];
export const metaLine = (m: ExportModel) => `${m.view.networkName} · ${m.view.kindLabel} · редакция № ${m.view.current.version} · ${stateLabels[m.view.state]}`;

/** The export of the current version with its signature sheet, to DOCX or PDF; whoever may see the document may export it. */
export async function exportDocument(context: CommandContext, id: string, format: DocumentExportFormat): Promise<ExportedDocument> {
  const model = await exportModel(context, id);
  const data = format === 'docx' ? await (await import('./document-docx')).documentToDocx(model) : await toPdf(model);
  const safeTitle = model.view.title.replace(/[\\/:*?"<>|\r\n]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 150);
  return {
    fileName: `document-${model.view.id.slice(0, 8)}-v${model.view.current.version}.${format}`,
    displayName: `${safeTitle} (ред. ${model.view.current.version}).${format}`,
    contentType: contentTypes[format],
    data,
  };
}

// ——— PDF ———


function pdfBlock(block: BodyBlock): Record<string, unknown> {
  if (block.type === 'heading') return { text: block.text, style: block.level === 1 ? 'h1' : 'h2', headlineLevel: block.level };
  if (block.type === 'bullet') return { ul: [block.text], margin: [10, 0, 0, 3] };
  return { text: block.lines.join('\n'), style: 'paragraph' };
}

/** The PDF; `compress: false` leaves the content streams readable (used by the tests). */
export async function toPdf(m: ExportModel, options: { compress?: boolean } = {}): Promise<Buffer> {
  const { view } = m;
  const pdf = loadPdfMake();
  // Other modules may register their own fonts on the shared instance: name ours each time.
  pdf.setFonts({ Roboto: roboto });
  const mono = { fontSize: 6.5 };
  const definition = {
    compress: options.compress ?? true,
    pageSize: 'A4',
    pageMargins: [56, 48, 42, 52],
    info: { title: view.title, author: 'Орбита', subject: metaLine(m), creator: 'Орбита' },
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.2 },
    styles: {
      meta: { fontSize: 8.5, color: '#555555', alignment: 'center', margin: [0, 0, 0, 8] },
      title: { fontSize: 15, bold: true, alignment: 'center', margin: [0, 0, 0, 14] },
      h1: { fontSize: 12, bold: true, margin: [0, 10, 0, 5] },
      h2: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      paragraph: { alignment: 'justify', margin: [0, 0, 0, 6] },
      sheetTitle: { fontSize: 14, bold: true, alignment: 'center', margin: [0, 0, 0, 10] },
      small: { fontSize: 8.5 },
      note: { fontSize: 8, italics: true, margin: [0, 10, 0, 0] },
    },
    footer: (currentPage: number, pageCount: number) => ({
      id: 'footer',
      text: `${view.title} · редакция № ${view.current.version} · стр. ${currentPage} из ${pageCount}`,
      fontSize: 7.5,
      color: '#777777',
      alignment: 'center',
      margin: [40, 16, 40, 0],
    }),
    // A heading left alone at the foot of a page (only the page's footer after it) moves to the next one, with the text it introduces.
    pageBreakBefore: (node: { headlineLevel?: number }, nodes: { getFollowingNodesOnPage(): { id?: string }[] }) =>
      node.headlineLevel !== undefined && nodes.getFollowingNodesOnPage().every((following) => following.id === 'footer'),
    content: [
      { text: metaLine(m), style: 'meta' },
      { text: view.title, style: 'title' },
      ...parseBody(bodyWithAnnex(view)).map(pdfBlock),
      { text: 'Лист подписания', style: 'sheetTitle', pageBreak: 'before', pageOrientation: 'landscape' },
      { text: `Документ: ${view.title}`, style: 'small' },
      { text: [`Редакция № ${view.current.version}; SHA-256 редакции: `, { text: view.current.sha256, fontSize: 7.5 }], style: 'small' },
      { text: `Состояние: ${stateLabels[view.state]}. Выгружено ${m.exportedAt} (${m.timezone}).`, style: 'small', margin: [0, 0, 0, 8] },
      {
        table: {
          headerRows: 1,
          widths: [16, '*', 110, 80, 125, 125],
          body: [
            sheetHeader(m).map((h) => ({ text: h, bold: true, fontSize: 8.5 })),
            ...m.rows.map((r, i) => [
              { text: String(i + 1), fontSize: 8.5 },
              { text: r.organization, fontSize: 8.5 },
              { text: r.signer, fontSize: 8.5 },
              { text: r.signedAt, fontSize: 8.5 },
              { text: splitHash(r.versionSha256), ...mono },
              { text: splitHash(r.hash), ...mono },
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      { text: sheetNote(m), style: 'note' },
    ],
  };
  return pdf.createPdf(definition).getBuffer();
}

/** For tests: the PDF of a document with uncompressed streams. */
export async function exportDocumentPdfUncompressed(context: CommandContext, id: string) {
  return toPdf(await exportModel(context, id), { compress: false });
}
