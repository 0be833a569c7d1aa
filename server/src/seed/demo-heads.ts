import { and, eq } from 'drizzle-orm';
import type { Actor, CommandContext } from '../platform/context';
import { hashPassword } from '../modules/accounts/passwords';
import { memberships, users } from '../modules/accounts/schema';
import { loadActor } from '../modules/accounts/sessions';
import { organizations } from '../modules/organizations/schema';

/** Who acts for each demo organisation, by its key in demo-region.ts. */
export interface DemoHeads {
  /** The organisation's id; an unknown key is a mistake in the demo data. */
  id(key: string): string;
  /** The organisation's head (org admin), who records its resources, answers requests and signs for it. */
  headOf(key: string): Promise<Actor>;
}

/**
 * Heads of the demo organisations for the seeds that act in their name. An organisation without a
 * demo account gets one: head.<key>@orbita.demo with the demo password.
 */
export async function demoHeads(db: CommandContext['db'], organizationIds: Map<string, string>, password: string): Promise<DemoHeads> {
  const id = (key: string) => {
    const found = organizationIds.get(key);
    if (!found) throw new Error(`demo data names an unknown organisation: ${key}`);
    return found;
  };
  const heads = new Map<string, Actor>();
  const sharedHash = await hashPassword(password);
  async function headOf(key: string): Promise<Actor> {
    const cached = heads.get(key);
    if (cached) return cached;
    // The head is the org admin: an organisation may also have teachers, who do not act for it.
    const [existing] = await db
      .select({ user: users })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, id(key)), eq(memberships.role, 'org_admin')))
      .limit(1);
    let user = existing?.user;
    if (!user) {
      const [organization] = await db.select().from(organizations).where(eq(organizations.id, id(key)));
      [user] = await db.insert(users).values({ email: `head.${key}@orbita.demo`, passwordHash: sharedHash, fullName: organization.headName || `Руководитель ${organization.shortName}` }).returning();
      await db.insert(memberships).values({ userId: user.id, organizationId: organization.id, role: 'org_admin' });
    }
    const actor = await loadActor(db, user);
    heads.set(key, actor);
    return actor;
  }
  return { id, headOf };
}
