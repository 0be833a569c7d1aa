import { eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { notFound, notSignedIn } from '../../platform/problem';
import { children } from '../families/schema';
import { notify } from '../notifications/notify';
import { programmes } from '../programmes/schema';
import { loadEnrolment, lockLiveEnrolment, presentEnrolment } from './enrolment-access';
import { enrolmentPolicy } from './policy';
import { endEnrolment } from './seats';

/**
 * A head of the provider takes a child off the programme or its waitlist, saying why; the guardian is
 * told the reason. A freed seat goes at once to the first in line. To anyone outside the provider's
 * staff the enrolment does not exist (404); its teachers see it but may not remove (403).
 */
export async function removeEnrolment(context: CommandContext, id: string, input: { version: number; reason: string }) {
  if (!context.actor) throw notSignedIn();
  const enrolment = await loadEnrolment(context.db, id);
  const [programme] = await context.db
    .select({ id: programmes.id, title: programmes.title, organizationId: programmes.organizationId })
    .from(programmes)
    .where(eq(programmes.id, enrolment.programmeId));
  if (!enrolmentPolicy.viewRoster(context.actor, programme.organizationId)) throw notFound('Запись на программу');
  authorize(context.actor, (actor) => enrolmentPolicy.remove(actor, programme.organizationId));
  const ended = await context.db.transaction(async (tx) => {
    const locked = await lockLiveEnrolment(tx, id, input.version);
    const removed = await endEnrolment(tx, context, locked, 'removed', input.reason);
    const [child] = await tx.select({ guardianUserId: children.guardianUserId }).from(children).where(eq(children.id, locked.childId));
    await notify(tx, [
      {
        userId: child.guardianUserId,
        kind: 'enrolment_removed',
        title: locked.state === 'waitlisted' ? `Ребёнок снят с листа ожидания программы «${programme.title}»` : `Ребёнок отчислен из программы «${programme.title}»`,
        body: `Причина, которую указала организация: ${input.reason}`,
        link: `/children/${locked.childId}`,
        data: { enrolmentId: locked.id, programmeId: programme.id, childId: locked.childId },
      },
    ]);
    return removed;
  });
  return presentEnrolment(context.db, ended);
}
