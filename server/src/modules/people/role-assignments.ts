import { and, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { Problem, notFound } from '../../platform/problem';
import { memberships, userRoles, users } from '../accounts/schema';
import { type RoleTarget, isMembershipRole } from './roles';

type Person = Pick<typeof users.$inferSelect, 'id' | 'municipalityId'>;

/** Whether the person holds exactly this role in this place. */
export async function holdsRole(db: Database, person: Person, target: RoleTarget): Promise<boolean> {
  if (isMembershipRole(target.role)) {
    const [row] = await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.userId, person.id), eq(memberships.organizationId, target.organizationId!), eq(memberships.role, target.role)))
      .limit(1);
    return !!row;
  }
  const [row] = await db.select({ userId: userRoles.userId }).from(userRoles).where(and(eq(userRoles.userId, person.id), eq(userRoles.role, target.role))).limit(1);
  return !!row && (target.role !== 'authority' || person.municipalityId === target.municipalityId);
}

/**
 * Gives a person a role (the caller has authorised it with `grantableBy`); false when they already hold it.
 * An account is the authority of one municipality at most: another one is a 409 until that role is taken away.
 */
export async function addRole(tx: Database, person: Person, target: RoleTarget, grantedBy: string): Promise<boolean> {
  if (isMembershipRole(target.role)) {
    const added = await tx
      .insert(memberships)
      .values({ userId: person.id, organizationId: target.organizationId!, role: target.role, grantedBy })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    return added.length > 0;
  }
  if (target.role === 'authority') {
    const [held] = await tx.select({ userId: userRoles.userId }).from(userRoles).where(and(eq(userRoles.userId, person.id), eq(userRoles.role, 'authority')));
    if (held && person.municipalityId === target.municipalityId) return false;
    if (held) {
      throw new Problem(409, 'Уже работает в другом муниципалитете', 'Человек уже специалист органа управления образованием другого муниципалитета. Сначала снимите с него ту роль.', {
        code: 'authority_elsewhere',
      });
    }
    await tx.update(users).set({ municipalityId: target.municipalityId }).where(eq(users.id, person.id));
  }
  const added = await tx.insert(userRoles).values({ userId: person.id, role: target.role, grantedBy }).onConflictDoNothing().returning({ userId: userRoles.userId });
  return added.length > 0;
}

/** Takes a role away (the caller has authorised it); false when the person did not hold it. The last operator keeps theirs. */
export async function removeRole(tx: Database, person: Person, target: RoleTarget): Promise<boolean> {
  if (isMembershipRole(target.role)) {
    const removed = await tx
      .delete(memberships)
      .where(and(eq(memberships.userId, person.id), eq(memberships.organizationId, target.organizationId!), eq(memberships.role, target.role)))
      .returning({ userId: memberships.userId });
    return removed.length > 0;
  }
  if (target.role === 'authority' && person.municipalityId !== target.municipalityId) return false;
  if (target.role === 'operator') await ensureAnotherOperator(tx, person.id);
  const removed = await tx
    .delete(userRoles)
    .where(and(eq(userRoles.userId, person.id), eq(userRoles.role, target.role)))
    .returning({ userId: userRoles.userId });
  if (removed.length && target.role === 'authority') await tx.update(users).set({ municipalityId: null }).where(eq(users.id, person.id));
  return removed.length > 0;
}

/**
 * Refuses to leave the platform without an active operator when `userId` stops being one. Every operator's
 * row is locked in one order first, so two operators switching each other off at once cannot both pass.
 */
export async function ensureAnotherOperator(tx: Database, userId: string): Promise<void> {
  const operators = await tx
    .select({ id: users.id, disabledAt: users.disabledAt })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'operator')))
    .orderBy(users.id)
    .for('update', { of: users });
  if (!operators.some((operator) => operator.id !== userId && !operator.disabledAt)) {
    throw new Problem(409, 'Последний оператор', 'Это единственный действующий оператор платформы. Сначала назначьте другого оператора.', { code: 'last_operator' });
  }
}

/**
 * Locks a person's row. When an operator is about to stop acting (switched off), every operator's row is
 * locked first through `ensureAnotherOperator`, so operator rows are always locked in one order.
 */
export async function lockPerson(tx: Database, id: string, options = { leavingOperator: false }) {
  if (options.leavingOperator) {
    const [operator] = await tx.select({ userId: userRoles.userId }).from(userRoles).where(and(eq(userRoles.userId, id), eq(userRoles.role, 'operator')));
    if (operator) await ensureAnotherOperator(tx, id);
  }
  const [person] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  if (!person) throw notFound('Сотрудник');
  return person;
}
