import { z } from 'zod';
import { boundedText, recordVersion } from '../../platform/fields';
import { resourceCategories } from '../inventory/schema';
import { normalizeTag } from '../inventory/inventory-fields';
import { attachmentKinds, practiceAudiences, practiceLevels } from './schema';


const author = z
  .object({
    userId: z.uuid({ error: 'Неверный идентификатор автора' }).optional(),
    name: boundedText('Имя автора', 200, 2).optional(),
  })
  .refine((a) => !!a.userId !== !!a.name, { error: 'Автор — учётная запись или имя, одно из двух' });

const condition = z.object({
  category: z.enum(resourceCategories, { error: 'Неизвестная категория ресурса' }),
  text: boundedText('Условие', 1000, 2),
});

const tags = z
  .array(z.string({ error: 'Тег — текст' }), { error: 'Теги — список' })
  .max(30, { error: 'Не больше 30 тегов' })
  .transform((list) => [...new Set(list.map(normalizeTag).filter(Boolean))])
  .refine((list) => list.every((tag) => tag.length <= 60), { error: 'Каждый тег — не длиннее 60 символов' });

/** What a version of a practice says: everything but its organisations and authors; optional parts without defaults. */
const contentShape = {
  title: boundedText('Название', 300, 5),
  direction: boundedText('Направление', 200, 2),
  levels: z
    .array(z.enum(practiceLevels, { error: 'Неизвестный уровень образования' }), { error: 'Уровни — список' })
    .min(1, { error: 'Укажите хотя бы один уровень' })
    .transform((list) => [...new Set(list)]),
  audiences: z
    .array(z.enum(practiceAudiences, { error: 'Неизвестная аудитория' }), { error: 'Аудитория — список' })
    .min(1, { error: 'Укажите, с кем работает практика' })
    .transform((list) => [...new Set(list)]),
  problem: boundedText('Проблема', 5000),
  description: boundedText('Описание', 20000, 20),
  conditions: z.array(condition, { error: 'Условия — список' }).max(20, { error: 'Не больше 20 условий' }),
  results: boundedText('Результаты', 10000),
  evidence: boundedText('Подтверждение результатов', 10000),
  tags,
};

export const practiceContent = z.object({
  ...contentShape,
  problem: contentShape.problem.default(''),
  conditions: contentShape.conditions.default([]),
  results: contentShape.results.default(''),
  evidence: contentShape.evidence.default(''),
  tags: tags.default([]),
});

const authorList = z.array(author, { error: 'Авторы — список' }).max(20, { error: 'Не больше 20 авторов' });
const people = {
  organizationIds: z
    .array(z.uuid({ error: 'Неверный идентификатор организации' }), { error: 'Организации — список' })
    .min(1, { error: 'Укажите организацию, чья это практика' })
    .max(10, { error: 'Не больше 10 организаций' })
    .transform((list) => [...new Set(list)]),
  authors: authorList.default([]),
};

export const practiceFields = practiceContent.extend(people);
export type PracticeInput = z.output<typeof practiceFields>;

/** A change names only what changes: a part left out stays as it is (no defaults here, which would blank it). */
export const practiceChanges = z
  .object(contentShape)
  .partial()
  .extend({
    organizationIds: people.organizationIds.optional(),
    authors: authorList.optional(),
    version: recordVersion('Укажите версию практики'),
  });
export type PracticeChanges = z.output<typeof practiceChanges>;

export const practiceVersionBody = z.object({ version: recordVersion('Укажите версию практики') });

/** A link or a video online attached to a practice. */
export const attachmentLink = z.object({
  kind: z.enum(attachmentKinds.filter((k) => k !== 'file') as ['link', 'video'], { error: 'Вид вложения: link или video' }),
  title: boundedText('Название', 300, 2),
  url: z
    .string({ error: 'Укажите ссылку' })
    .trim()
    .max(2000, { error: 'Не длиннее 2000 символов' })
    .pipe(z.url({ protocol: /^https?$/, error: 'Ссылка начинается с http:// или https://' })),
});
export type AttachmentLink = z.output<typeof attachmentLink>;
