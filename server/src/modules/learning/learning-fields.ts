import { z } from 'zod';
import { calendarDate, recordVersion } from '../../platform/fields';
import { enrolmentResults } from '../enrolments/schema';


export const attendanceQuery = z
  .object({ from: calendarDate('С какого дня').optional(), to: calendarDate('По какой день').optional() })
  .refine((range) => !range.from || !range.to || range.from <= range.to, { error: 'Начало периода позже его конца', path: ['to'] });
export type AttendanceQuery = z.output<typeof attendanceQuery>;

export const attendanceMarksRequest = z.object({
  classDate: calendarDate('Дата занятия'),
  marks: z
    .array(
      z.object({
        enrolmentId: z.uuid({ error: 'Неверная запись ребёнка' }),
        present: z.boolean({ error: 'Отметка: был (true) или не был (false)' }),
      }),
      { error: 'Отметки — список' },
    )
    .min(1, { error: 'Отметьте хотя бы одного ребёнка' })
    .max(500, { error: 'Не больше 500 отметок за раз' })
    .refine((marks) => new Set(marks.map((m) => m.enrolmentId)).size === marks.length, { error: 'Каждого ребёнка отмечают один раз за занятие' }),
});
export type AttendanceMarksRequest = z.output<typeof attendanceMarksRequest>;

export const resultRequest = z.object({
  version: recordVersion(),
  result: z.enum(enrolmentResults, { error: 'Итог: credit (зачёт), certificate (сертификат) или not_completed (не завершил)' }),
  note: z.string({ error: 'Комментарий — текст' }).trim().max(1000, { error: 'Комментарий — не длиннее 1000 символов' }).default(''),
});
export type ResultRequest = z.output<typeof resultRequest>;
