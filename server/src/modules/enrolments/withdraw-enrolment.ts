import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { notSignedIn } from '../../platform/problem';
import { loadVisibleChild } from '../families/access';
import { loadEnrolment, lockLiveEnrolment, presentEnrolment } from './enrolment-access';
import { enrolmentPolicy } from './policy';
import { endEnrolment } from './seats';

/** The guardian gives up the child's place or place in line; a freed seat goes at once to the first in line, who is notified. */
export async function withdrawEnrolment(context: CommandContext, id: string, input: { version: number }) {
  if (!context.actor) throw notSignedIn();
  const enrolment = await loadEnrolment(context.db, id);
  const { child } = await loadVisibleChild(context.db, context.actor, enrolment.childId);
  authorize(context.actor, (actor) => enrolmentPolicy.withdraw(actor, child));
  const ended = await context.db.transaction(async (tx) => endEnrolment(tx, context, await lockLiveEnrolment(tx, id, input.version), 'withdrawn'));
  return presentEnrolment(context.db, ended);
}
