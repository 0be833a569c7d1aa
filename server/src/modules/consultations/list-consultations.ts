import { and, desc, eq, inArray, or } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { authorize, isOperator } from '../../platform/policy';
import { forbidden } from '../../platform/problem';
import { consultantsFor } from './consultants';
import { loadVisibleConsultation } from './consultation-access';
import { consultationPolicy } from './policy';
import { presentConsultation, presentConsultations } from './present-consultation';
import { type ConsultationState, consultationRequests } from './schema';

/** The consultations of the schools the caller works at, asked or given, newest first (the operator: all of them). */
export async function listConsultations(context: CommandContext, query: { state?: ConsultationState }) {
  authorize(context.actor, () => true);
  const actor = context.actor;
  const staffOf = actor.memberships.map((m) => m.organizationId);
  if (!isOperator(actor) && !staffOf.length) return [];
  const rows = await context.db
    .select()
    .from(consultationRequests)
    .where(
      and(
        isOperator(actor) ? undefined : or(inArray(consultationRequests.requesterOrganizationId, staffOf), inArray(consultationRequests.consultantOrganizationId, staffOf)),
        query.state ? eq(consultationRequests.state, query.state) : undefined,
      ),
    )
    .orderBy(desc(consultationRequests.createdAt))
    .limit(200);
  return presentConsultations(context.db, actor, rows);
}

export async function getConsultation(context: CommandContext, id: string) {
  return presentConsultation(context.db, context.actor, await loadVisibleConsultation(context, id));
}

/** The schools the caller's school may ask (for the request form): its head only. */
export async function listConsultants(context: CommandContext, organizationId: string) {
  authorize(context.actor, () => true);
  if (!consultationPolicy.request(context.actor, organizationId)) throw forbidden('Консультацию запрашивает руководитель школы.');
  return consultantsFor(context.db, organizationId);
}
