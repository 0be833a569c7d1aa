import { z } from 'zod';
import type { DatabaseHandle } from '../../platform/db/client';
import { type App, commandContext } from '../../platform/http/route-kit';
import { idParams, networkParams } from '../../platform/http/params';
import { createAccession } from './create-accession';
import { type TemplateKind, authorityActKinds, createDocument, documentPartyChoices, namedPartyKinds } from './create-document';
import { exportDocument } from './export-document';
import { loadVisibleDocument } from './document-access';
import { getDocument, listDocuments } from './get-document';
import { documentKinds } from './schema';
import { sendForSignature } from './send-for-signature';
import { signDocument } from './sign-document';
import { documentKindLabels } from './templates';
import { updateDocument } from './update-document';
import { verifySignatureChains } from './verify-signatures';

const templateKinds = documentKinds.filter((k): k is TemplateKind => k !== 'accession' && k !== 'resource_exchange');

const sha256 = z.string({ error: 'Укажите SHA-256 прочитанной редакции' }).regex(/^[0-9a-f]{64}$/, { error: 'SHA-256 — 64 шестнадцатеричных символа' });
/** Every write names the version it was based on: the text the person saw. */
const readVersion = {
  versionId: z.uuid({ error: 'Укажите редакцию, которую вы читали' }),
  sha256,
};
const title = z
  .string({ error: 'Название — строка' })
  .trim()
  .min(3, { error: 'Название — не короче 3 символов' })
  .max(300, { error: 'Название — не длиннее 300 символов' });

const organizationId = z.uuid({ error: 'Неверный идентификатор организации' });
const createBody = z.object({
  kind: z.enum(templateKinds, { error: `Вид документа: ${templateKinds.join(', ')}` }),
  title: title.optional(),
  partyOrganizationIds: z.array(organizationId, { error: 'Стороны — список организаций' }).max(200, { error: 'Не больше 200 сторон' }).optional(),
  authorityOrganizationId: organizationId.optional(),
  baseSchoolOrganizationId: organizationId.optional(),
  annexPlanId: z.uuid({ error: 'Неверный идентификатор плана' }).optional(),
  annexItemIds: z.array(z.uuid({ error: 'Неверный идентификатор пункта плана' })).max(500, { error: 'Не больше 500 пунктов' }).optional(),
});
const updateBody = z
  .object({
    ...readVersion,
    title: title.optional(),
    body: z.string({ error: 'Текст — строка' }).max(500_000, { error: 'Текст — не длиннее 500 000 символов' }).refine((b) => b.trim().length > 0, { error: 'Текст документа не может быть пустым' }).optional(),
    refreshAnnex: z.boolean({ error: 'refreshAnnex — true или false' }).optional(),
  })
  .refine((b) => b.title !== undefined || b.body !== undefined || b.refreshAnnex, { error: 'Измените название или текст', path: ['body'] });
const signBody = z.object({
  ...readVersion,
  password: z.string({ error: 'Введите пароль' }).min(1, { error: 'Введите пароль для подтверждения подписи' }).max(200),
  organizationId: z.uuid({ error: 'Неверный идентификатор организации' }).optional(),
});
const accessionBody = z.object({ organizationId: z.uuid({ error: 'Выберите организацию, которая присоединяется' }) });
const exportQuery = z.object({ format: z.enum(['docx', 'pdf'], { error: 'Формат: docx или pdf' }).default('pdf') });

export async function documentRoutes(app: App, handle: DatabaseHandle) {
  const tags = ['documents'];

  app.get('/document-templates', { schema: { tags, summary: 'Виды документов, создаваемых из шаблонов, и кто их стороны' } }, async () => ({
    items: templateKinds.map((kind) => ({
      kind,
      label: documentKindLabels[kind],
      /** members: every member signs; members_or_named: every member or the organisations named; authority: the authority alone; authority_and_managing: the authority and the base school. */
      parties: authorityActKinds.includes(kind) ? 'authority' : kind === 'base_school_contract' ? 'authority_and_managing' : namedPartyKinds.includes(kind) ? 'members_or_named' : 'members',
      /** Whether a plan of the network may be the annex. */
      annex: !authorityActKinds.includes(kind),
      /** Whether it names the school it enters into the register of base schools. */
      baseSchool: kind === 'base_school_order',
    })),
  }));

  app.get('/networks/:networkId/document-parties', { schema: { tags, summary: 'Кто может быть стороной документа сети: участники и органы управления образованием её территории', params: networkParams } }, async (request) =>
    documentPartyChoices(commandContext(request, handle), request.params.networkId),
  );

  app.get('/networks/:networkId/documents', { schema: { tags, summary: 'Документы сети', params: networkParams } }, async (request) =>
    listDocuments(commandContext(request, handle), request.params.networkId),
  );

  app.post(
    '/networks/:networkId/documents',
    { schema: { tags, summary: 'Создать документ сети из шаблона', params: networkParams, body: createBody }, config: { policy: 'documents.create' } },
    async (request, reply) => reply.status(201).send(await createDocument(commandContext(request, handle), { networkId: request.params.networkId, ...request.body })),
  );

  app.get('/documents/:id', { schema: { tags, summary: 'Документ: редакции, подписи, стороны и права вызывающего', params: idParams } }, async (request) =>
    getDocument(commandContext(request, handle), request.params.id),
  );

  app.patch(
    '/documents/:id',
    { schema: { tags, summary: 'Изменить название или текст (после первой подписи — новая редакция)', params: idParams, body: updateBody }, config: { policy: 'documents.update' } },
    async (request) => updateDocument(commandContext(request, handle), { documentId: request.params.id, ...request.body }),
  );

  app.post(
    '/documents/:id/send',
    { schema: { tags, summary: 'Отправить на подпись', params: idParams, body: z.object(readVersion) }, config: { policy: 'documents.send' } },
    async (request) => sendForSignature(commandContext(request, handle), { documentId: request.params.id, ...request.body }),
  );

  app.post(
    '/documents/:id/sign',
    {
      schema: { tags, summary: 'Подписать прочитанную редакцию простой электронной подписью (подтверждение паролем)', params: idParams, body: signBody },
      // A signature checks a password: limit guesses per person and document.
      config: {
        policy: 'documents.sign',
        rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: (request) => `${request.actor?.userId ?? request.ip}:${(request.params as { id?: string }).id ?? ''}` },
      },
    },
    async (request) => signDocument(commandContext(request, handle), { documentId: request.params.id, ...request.body }),
  );

  app.post(
    '/documents/:id/accessions',
    { schema: { tags, summary: 'Создать соглашение о присоединении нового участника к подписанному документу', params: idParams, body: accessionBody }, config: { policy: 'documents.accede' } },
    async (request, reply) => reply.status(201).send(await createAccession(commandContext(request, handle), { documentId: request.params.id, organizationId: request.body.organizationId })),
  );

  app.get('/documents/:id/verification', { schema: { tags, summary: 'Проверка целостности редакций и цепочки подписей документа', params: idParams } }, async (request) => {
    const context = commandContext(request, handle);
    const { document } = await loadVisibleDocument(context.db, context.actor, request.params.id);
    const report = await verifySignatureChains(context.db, { documentId: document.id });
    return { intact: report.broken.length === 0, ...report };
  });

  app.get('/documents/:id/export', { schema: { tags, summary: 'Выгрузка в DOCX или PDF с листом подписания', params: idParams, querystring: exportQuery } }, async (request, reply) => {
    const file = await exportDocument(commandContext(request, handle), request.params.id, request.query.format);
    return reply
      .header('Content-Type', file.contentType)
      .header('Content-Disposition', `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.displayName)}`)
      .send(file.data);
  });
}
