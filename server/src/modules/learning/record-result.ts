import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import { Problem, conflict, notFound, notSignedIn } from '../../platform/problem';
import { enrolments } from '../enrolments/schema';
import { programmes } from '../programmes/schema';
import type { ResultRequest } from './learning-fields';
import { learningPolicy } from './policy';

const enrolmentNotFound = () => notFound('Запись на программу');

/**
 * Records how a child finished a programme — credit, certificate or not completed — with a note; the
 * enrolment becomes completed and the home school sees the result. The provider may correct a
 * result later. The seat stays taken: a result closes the programme's course, not a place freed
 * mid-way (that is a removal, which gives the seat to the waitlist).
 */
export async function recordResult(context: CommandContext, enrolmentId: string, request: ResultRequest) {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  return context.db.transaction(async (tx) => {
    const [found] = await tx
      .select({ enrolment: enrolments, providerId: programmes.organizationId })
      .from(enrolments)
      .innerJoin(programmes, eq(programmes.id, enrolments.programmeId))
      .where(eq(enrolments.id, enrolmentId))
      .for('update', { of: enrolments });
    // A child's record is the provider's business only: to anyone else it does not exist.
    if (!found || !learningPolicy.keepRecords(actor, found.providerId)) throw enrolmentNotFound();
    const before = found.enrolment;
    if (before.state !== 'enrolled' && before.state !== 'completed') {
      throw new Problem(409, 'Итог не записан', 'Итог записывают только детям, которые учатся или уже закончили программу; этот ребёнок отчислен или отказался от места.', {
        state: before.state,
      });
    }
    if (before.version !== request.version) throw conflict('Запись ребёнка изменилась, пока вы её смотрели (например, итог уже записал коллега). Обновите страницу и повторите.');
    const now = new Date();
    const [after] = await tx
      .update(enrolments)
      .set({
        state: 'completed',
        result: request.result,
        resultNote: request.note,
        resultRecordedAt: now,
        endedAt: before.endedAt ?? now,
        updatedAt: now,
        version: sql`${enrolments.version} + 1`,
      })
      .where(eq(enrolments.id, enrolmentId))
      .returning();
    // Ids and the result only: the note may speak about the child.
    await recordAudit(tx, context, {
      action: 'enrolment.result_recorded',
      entityType: 'enrolment',
      entityId: after.id,
      before: { state: before.state, result: before.result },
      after: { state: after.state, result: after.result },
    });
    return { id: after.id, state: after.state, result: after.result, resultNote: after.resultNote, resultRecordedAt: after.resultRecordedAt, version: after.version };
  });
}
