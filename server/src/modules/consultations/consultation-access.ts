import { eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { Problem, notFound, notSignedIn } from '../../platform/problem';
import { organizationHeads } from '../networks/access';
import { notify } from '../notifications/notify';
import { organizations } from '../organizations/schema';
import { consultationPolicy } from './policy';
import type { ConsultationRow } from './present-consultation';
import { consultationRequests } from './schema';

/** A consultation the caller may see (the staff of either school, the operator); 404 to anyone else, as a missing one. */
export async function loadVisibleConsultation(context: CommandContext, id: string): Promise<ConsultationRow> {
  if (!context.actor) throw notSignedIn();
  const [row] = await context.db.select().from(consultationRequests).where(eq(consultationRequests.id, id)).limit(1);
  if (!row || !context.actor || !consultationPolicy.view(context.actor, row)) throw notFound('Консультация');
  return row;
}

/** The row again under its lock, inside the step's transaction: two steps at once are judged one after the other. */
export async function lockConsultation(tx: Database, id: string): Promise<ConsultationRow> {
  const [row] = await tx.select().from(consultationRequests).where(eq(consultationRequests.id, id)).for('update');
  return row;
}

const stateWords: Record<ConsultationRow['state'], string> = {
  requested: 'ждёт предложения времени',
  proposed: 'ждёт выбора времени',
  accepted: 'уже назначена',
  declined: 'отклонена',
  cancelled: 'отозвана',
};

/** 409 unless the consultation is in one of `states`, saying what it is now. */
export function requireState(row: ConsultationRow, states: ConsultationRow['state'][]) {
  if (!states.includes(row.state)) throw new Problem(409, 'Консультация уже изменилась', `Консультация ${stateWords[row.state]}. Обновите страницу.`, { state: row.state });
}

/** Tells the heads of one school what the consultation now awaits from them; inside the step's transaction. */
export async function notifySchool(tx: Database, row: ConsultationRow, organizationId: string, title: string, body: string) {
  const [other] = await tx
    .select({ shortName: organizations.shortName })
    .from(organizations)
    .where(eq(organizations.id, organizationId === row.requesterOrganizationId ? row.consultantOrganizationId : row.requesterOrganizationId));
  const people = [...new Set((await organizationHeads(tx, [organizationId])).map((h) => h.userId))];
  await notify(
    tx,
    people.map((userId) => ({
      userId,
      kind: 'consultation_awaiting' as const,
      title: `${title}: «${row.topic}» (${other?.shortName ?? ''})`,
      body,
      link: `/consultations/${row.id}`,
      data: { consultationId: row.id },
    })),
  );
}
