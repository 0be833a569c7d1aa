import { z } from 'zod';

const title = z.string({ error: 'Укажите название' }).trim().min(2, { error: 'Название — не короче 2 символов' }).max(300, { error: 'Не длиннее 300 символов' });

/** A link or a recording online: a title and a web address. */
export const materialLink = z.object({
  kind: z.enum(['link', 'recording'], { error: 'Вид материала: link или recording' }),
  title,
  url: z
    .string({ error: 'Укажите ссылку' })
    .trim()
    .max(2000, { error: 'Не длиннее 2000 символов' })
    .pipe(z.url({ protocol: /^https?$/, error: 'Ссылка начинается с http:// или https://' })),
});
export type MaterialLink = z.output<typeof materialLink>;

/** The optional title sent with an uploaded file (the file's name without its extension otherwise). */
export const materialFileTitle = title.optional();
