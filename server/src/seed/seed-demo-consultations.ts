import { asc, eq } from 'drizzle-orm';
import type { CommandContext } from '../platform/context';
import { loadActor } from '../modules/accounts/sessions';
import { users } from '../modules/accounts/schema';
import { acceptConsultation } from '../modules/consultations/accept-consultation';
import { proposeConsultationSlots } from '../modules/consultations/propose-consultation-slots';
import { requestConsultation } from '../modules/consultations/request-consultation';
import { addEventMaterialLink, uploadEventMaterial } from '../modules/events/add-event-material';
import { eventRegistrations, events } from '../modules/events/schema';
import { submitEventFeedback } from '../modules/feedback/submit-event-feedback';
import type { DemoHeads } from './demo-heads';

const DAY = 86_400_000;
/** A time `days` from now at `hour`:00 Moscow time (UTC+3), the demo region's clock. */
const at = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(hour - 3, 0, 0, 0);
  return d;
};

/**
 * Seed 002: the Kekin gymnasium's consultations for Поречская школа in their partnership, through the commands the
 * two heads use — one held a week ago (asked, times proposed, one chosen: an event of both), one whose times await
 * Поречская's choice, and a new request awaiting the gymnasium.
 */
export async function seedDemoConsultations(db: CommandContext['db'], heads: DemoHeads, networkIds: Map<string, string>) {
  const leader = await heads.headOf('rst-gymnasium-kekin');
  const satellite = await heads.headOf('rst-school-poreche');
  const as = (actor: typeof leader, now: Date): CommandContext => ({ db, actor, ip: 'seed', now });
  const ask = (topic: string, details: string, format: 'in_person' | 'online', now: Date) =>
    requestConsultation(as(satellite, now), { requesterOrganizationId: heads.id('rst-school-poreche'), consultantOrganizationId: heads.id('rst-gymnasium-kekin'), topic, details, format });
  if (!networkIds.get('rst-partnership')) return { consultations: 0 };

  const held = await ask('Формирующее оценивание на уроках математики', 'Учителя 5–7 классов: как давать обратную связь по ходу урока, а не только за контрольную.', 'in_person', at(-21, 10));
  const proposal = await proposeConsultationSlots(as(leader, at(-20, 12)), held.id, {
    slots: [
      { startsAt: at(-8, 14).toISOString(), endsAt: at(-8, 16).toISOString(), place: 'Гимназия им. А.Л. Кекина, методический кабинет' },
      { startsAt: at(-6, 14).toISOString(), endsAt: at(-6, 16).toISOString(), place: 'Гимназия им. А.Л. Кекина, методический кабинет' },
    ],
  });
  await acceptConsultation(as(satellite, at(-19, 9)), held.id, proposal.slots[0].id);

  const proposed = await ask('Подготовка к ОГЭ по русскому языку: итоговое собеседование', 'Как организовать тренировочные собеседования в малокомплектной школе.', 'online', at(-3, 11));
  await proposeConsultationSlots(as(leader, at(-2, 15)), proposed.id, {
    slots: [
      { startsAt: at(5, 15).toISOString(), endsAt: at(5, 16).toISOString(), place: 'онлайн' },
      { startsAt: at(7, 15).toISOString(), endsAt: at(7, 16).toISOString(), place: 'онлайн' },
    ],
  });

  await ask('Адаптация пятиклассников при переходе в основную школу', 'Классные руководители 5 класса и педагог-психолог.', 'in_person', at(-1, 10));
  return { consultations: 3 };
}

/** A one-page PDF with a title, enough to be a real file in the demo's resource package. */
function demoPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * The Altai heads' seminar after it ended (seed 001's district): its organiser attaches the resource package — the
 * programme as a PDF, the methodical recommendations as a link and the recording — and the heads who came answer
 * the short survey. Nothing when the events' demo has not created the seminar.
 */
export async function seedDemoEventMaterials(db: CommandContext['db'], heads: DemoHeads, eventIds: Record<string, string>) {
  const seminarId = eventIds['pvl-heads-seminar'];
  if (!seminarId) return { materials: 0, answers: 0 };
  const [seminar] = await db.select().from(events).where(eq(events.id, seminarId));
  const organiser = await heads.headOf('pvl-school-1');
  const context: CommandContext = { db, actor: organiser, ip: 'seed', now: new Date(seminar.endsAt.getTime() + 3 * 3_600_000) };
  const pdf = demoPdf('Seminar programme');
  await uploadEventMaterial(context, seminarId, async () => ({ fileName: 'Программа семинара.pdf', data: pdf, fields: { title: 'Программа семинара руководителей' } }));
  await addEventMaterialLink(context, seminarId, { kind: 'link', title: 'Методические рекомендации по сетевому взаимодействию школ округа', url: 'https://www.iro22.ru/' });
  await addEventMaterialLink(context, seminarId, { kind: 'recording', title: 'Запись семинара', url: 'https://rutube.ru/' });

  const registered = await db
    .select({ userId: eventRegistrations.userId })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, seminarId))
    .orderBy(asc(eventRegistrations.queueNo));
  const answers = [
    { rating: 5, comment: 'Очень полезный разбор договора о совместной деятельности — возьмём за основу.' },
    { rating: 4, comment: 'Хотелось бы больше времени на вопросы по расписанию сетевых занятий.' },
    { rating: 5, comment: '' },
  ];
  let given = 0;
  for (const [i, r] of registered.filter((r) => r.userId).slice(0, answers.length).entries()) {
    const [user] = await db.select().from(users).where(eq(users.id, r.userId!));
    const actor = await loadActor(db, user);
    await submitEventFeedback({ db, actor, ip: 'seed', now: context.now }, seminarId, answers[i]).then(
      () => given++,
      () => undefined, // a registration that did not end up registered has no survey: skipped
    );
  }
  return { materials: 3, answers: given };
}
