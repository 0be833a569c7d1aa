import { and, desc, eq, inArray } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { notSignedIn } from '../../platform/problem';
import { loadChildRecords } from '../families/access';
import { organizations } from '../organizations/schema';
import { programmes } from '../programmes/schema';
import { waitlistPositionColumn } from './enrolment-access';
import { enrolments } from './schema';

/**
 * A child's enrolments, places in line and past programmes, newest first: all of them for the guardian
 * and the home school; for a provider only those in its own programmes, so one provider never learns
 * where else the child studies. `canWithdraw` tells the page whether to offer «Отказаться».
 */
export async function listChildEnrolments(context: CommandContext, childId: string) {
  const actor = context.actor;
  if (!actor) throw notSignedIn();
  const { relation } = await loadChildRecords(context.db, actor, childId);
  const staffOf = actor.memberships.map((m) => m.organizationId);
  const rows = await context.db
    .select({
      id: enrolments.id,
      state: enrolments.state,
      waitlistPosition: waitlistPositionColumn,
      programme: { id: programmes.id, title: programmes.title },
      provider: { id: organizations.id, shortName: organizations.shortName },
      enrolledAt: enrolments.enrolledAt,
      endedAt: enrolments.endedAt,
      result: enrolments.result,
      version: enrolments.version,
    })
    .from(enrolments)
    .innerJoin(programmes, eq(programmes.id, enrolments.programmeId))
    .innerJoin(organizations, eq(organizations.id, programmes.organizationId))
    .where(and(eq(enrolments.childId, childId), relation === 'provider' ? inArray(programmes.organizationId, staffOf) : undefined))
    .orderBy(desc(enrolments.createdAt), desc(enrolments.queueNo));
  return {
    items: rows.map(({ programme, provider, ...row }) => ({
      ...row,
      programme: { ...programme, provider },
      // What the page may offer: only the family gives up a place.
      canWithdraw: relation === 'guardian' && (row.state === 'enrolled' || row.state === 'waitlisted'),
    })),
  };
}
