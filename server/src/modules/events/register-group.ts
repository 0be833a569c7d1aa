import { and, asc, eq, inArray, isNotNull, like } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit';
import type { CommandContext } from '../../platform/context';
import type { Database } from '../../platform/db/client';
import { uniqueViolation } from '../../platform/db/errors';
import { authorize } from '../../platform/policy';
import { Problem, invalid, notSignedIn } from '../../platform/problem';
import { consentColumn, lockChildren } from '../families/access';
import { children } from '../families/schema';
import { loadVisibleEvent } from './access';
import { liveChildRegistrations, presentRegistration } from './event-access';
import type { GroupRegistrationRequest } from './event-fields';
import { lockEventSeats, takeRegistrationSeat } from './event-seats';
import { eventFull, newCheckInCode, registrationRefusal } from './registration-rules';
import { waitlistLengthOfEvent } from './register-for-event';
import { eventPolicy } from './policy';
import { eventRegistrations, eventSessions, events } from './schema';

/** Each child's registration carries the request's key and its own id, so a retry finds the group it made. */
const childKey = (key: string, childId: string) => `${key}:${childId}`;

/**
 * The school's students who may be registered for events by it: those whose home school it is and has confirmed,
 * with the guardian's consent in force — a head picks them from the list and types no name.
 */
export async function confirmedStudents(db: Database, organizationId: string, ids?: string[]) {
  return db
    .select({ id: children.id, fullName: children.fullName, grade: children.grade, consent: consentColumn })
    .from(children)
    .where(and(eq(children.homeSchoolId, organizationId), isNotNull(children.homeSchoolConfirmedAt), ids ? inArray(children.id, ids) : undefined))
    .orderBy(asc(children.grade), asc(children.fullName));
}

async function groupByKey(db: Database, userId: string, key: string) {
  return db
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.requestedBy, userId), like(eventRegistrations.idempotencyKey, `${key.replace(/[\\%_]/g, '\\$&')}:%`)))
    .orderBy(asc(eventRegistrations.queueNo));
}

/**
 * A head registers a group of the school's students: only children the school has confirmed as its students and
 * whose guardian's consent is in force, picked by id (no names typed again). One transaction: each child takes a
 * seat while there are seats; the rest wait in line when the head asked for it, otherwise nothing is written and the
 * answer says how many seats are left. Events that need approval take the whole group as requests. A retry with the
 * same Idempotency-Key answers the group made the first time.
 */
export async function registerGroup(context: CommandContext, eventId: string, input: GroupRegistrationRequest, idempotencyKey: string) {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const db = context.db;
  const event = await loadVisibleEvent(db, actor, eventId);
  authorize(actor, (a) => eventPolicy.registerGroup(a, input.organizationId));
  const earlier = await groupByKey(db, actor.userId, idempotencyKey);
  if (earlier.length) {
    if (earlier.some((r) => r.eventId !== eventId)) {
      throw new Problem(422, 'Ключ запроса уже использован', 'Этот ключ повторного запроса (Idempotency-Key) уже использован для другой записи. Для новой записи нужен новый ключ.', {
        code: 'idempotency_key_reused',
      });
    }
    return { created: false, registrations: await Promise.all(earlier.map((r) => presentRegistration(db, r))) };
  }
  const students = await confirmedStudents(db, input.organizationId, input.childIds);
  const known = new Map(students.map((s) => [s.id, s]));
  const errors = input.childIds.flatMap((id, index) =>
    !known.has(id)
      ? [{ field: `childIds.${index}`, message: 'Не найден среди подтверждённых обучающихся школы' }]
      : !known.get(id)!.consent
        ? [{ field: `childIds.${index}`, message: 'Нет согласия родителя на обработку данных' }]
        : [],
  );
  if (errors.length) throw invalid('Группа не записана: записать можно только подтверждённых обучающихся школы с согласием родителей.', errors);
  const section = input.sessionId ? ((await db.select().from(eventSessions).where(eq(eventSessions.id, input.sessionId)).limit(1))[0] ?? null) : undefined;
  const now = context.now ?? new Date();
  for (const [index, id] of input.childIds.entries()) {
    const refused = registrationRefusal(event, { child: known.get(id)! }, section, now);
    if (refused) throw invalid('Группа не записана: не все выбранные могут участвовать в этом мероприятии.', [{ field: `childIds.${index}`, message: refused.title }]);
  }
  const taken = await liveChildRegistrations(db, eventId, input.childIds);
  if (taken.length) {
    throw invalid(
      'Некоторые из выбранных уже записаны на это мероприятие (или ждут в листе ожидания): уберите их из группы.',
      input.childIds.flatMap((id, index) => (taken.some((t) => t.childId === id) ? [{ field: `childIds.${index}`, message: 'Уже записан(а)' }] : [])),
    );
  }

  try {
    const registrations = await db.transaction(async (tx) => {
      // Lock order: the children (their consent read under the lock), then the event, then its sections.
      await lockChildren(tx, input.childIds);
      const withConsent = await confirmedStudents(tx, input.organizationId, input.childIds);
      if (withConsent.some((s) => !s.consent) || withConsent.length !== input.childIds.length) {
        throw new Problem(409, 'Согласие отозвано', 'Пока группа записывалась, у кого-то из выбранных изменилось согласие или школа. Обновите список и запишите группу ещё раз.', {
          code: 'consent_required',
        });
      }
      await lockEventSeats(tx, eventId);
      const [current] = await tx.select().from(events).where(eq(events.id, eventId));
      const refusedNow = registrationRefusal(current, { child: withConsent[0] }, section, now);
      if (refusedNow) throw refusedNow;
      if (!current.approvalRequired && !input.waitlist) {
        // All or nothing: the seats free now (under the lock) must fit the whole group.
        const [sectionNow] = section ? await tx.select().from(eventSessions).where(eq(eventSessions.id, section.id)) : [];
        const free = Math.min(
          current.capacity === null ? Infinity : current.capacity - current.seatsTaken,
          sectionNow && sectionNow.capacity !== null ? sectionNow.capacity - sectionNow.seatsTaken : Infinity,
        );
        if (free < input.childIds.length) {
          if (free <= 0) throw eventFull(current, await waitlistLengthOfEvent(tx, eventId), section);
          throw new Problem(409, 'Мест меньше, чем в группе', `Свободных мест — ${free}, а в группе ${input.childIds.length}. Уменьшите группу или запишите остальных в лист ожидания.`, {
            code: 'group_too_large',
            seatsFree: free,
          });
        }
      }
      const created = [];
      for (const childId of input.childIds) {
        let state: 'pending' | 'registered' | 'waitlisted' = 'pending';
        if (!current.approvalRequired) state = (await takeRegistrationSeat(tx, eventId, section?.id ?? null)) ? 'registered' : 'waitlisted';
        const [row] = await tx
          .insert(eventRegistrations)
          .values({
            eventId,
            sessionId: section?.id ?? null,
            childId,
            onBehalfOfOrganizationId: input.organizationId,
            state,
            requestedBy: actor.userId,
            idempotencyKey: childKey(idempotencyKey, childId),
            checkInCode: newCheckInCode(),
            registeredAt: state === 'registered' ? new Date() : null,
          })
          .returning();
        await recordAudit(tx, context, {
          action: `event_registration.${state}`,
          entityType: 'event_registration',
          entityId: row.id,
          after: { state, eventId, sessionId: row.sessionId, childId, onBehalfOfOrganizationId: input.organizationId },
        });
        created.push(row);
      }
      return Promise.all(created.map((row) => presentRegistration(tx, row)));
    });
    return { created: true, registrations };
  } catch (error) {
    if (uniqueViolation(error) === null) throw error;
    // A copy of this request committed first, or a child was registered meanwhile.
    const winner = await groupByKey(db, actor.userId, idempotencyKey);
    if (winner.length) return { created: false, registrations: await Promise.all(winner.map((r) => presentRegistration(db, r))) };
    throw new Problem(409, 'Кто-то из группы уже записан', 'Пока группа записывалась, кого-то из выбранных записали на это мероприятие. Обновите список и запишите остальных.', {
      code: 'already_registered',
    });
  }
}

/** The school's confirmed students for the group form, each with whether consent is in force, the grade fits and a live registration exists. */
export async function listGroupCandidates(context: CommandContext, eventId: string, organizationId: string) {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const event = await loadVisibleEvent(context.db, actor, eventId);
  authorize(actor, (a) => eventPolicy.registerGroup(a, organizationId));
  const students = await confirmedStudents(context.db, organizationId);
  const live = await liveChildRegistrations(context.db, eventId, students.map((s) => s.id));
  const stateOf = new Map(live.map((l) => [l.childId, l.state]));
  return {
    items: students.map((s) => ({
      id: s.id,
      fullName: s.fullName,
      grade: s.grade,
      consent: s.consent,
      gradeFits: s.grade === null || ((event.gradeFrom === null || s.grade >= event.gradeFrom) && (event.gradeTo === null || s.grade <= event.gradeTo)),
      registration: stateOf.get(s.id) ?? null,
    })),
  };
}
