import { and, eq } from 'drizzle-orm';
import type { CommandContext } from '../../platform/context';
import { authorize } from '../../platform/policy';
import { notFound } from '../../platform/problem';
import { users } from '../accounts/schema';
import { peoplePolicy, visiblePeople } from './policy';
import { type Person, personColumns, presentPeople } from './present-person';

/** A person's card, for those who see them (the same rule as the list); anyone else is told there is no such person. */
export async function getPerson(context: CommandContext, id: string): Promise<Person> {
  authorize(context.actor, peoplePolicy.manage);
  const rows = await context.db.select(personColumns).from(users).where(and(eq(users.id, id), visiblePeople(context.actor)));
  if (!rows.length) throw notFound('Сотрудник');
  const [person] = await presentPeople(context.db, rows);
  return person;
}
