import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, openTestApp } from '../../../test/app';
import type { Actor } from '../../platform/context';
import { invitations, users } from '../accounts/schema';
import { grantableBy, manageableInvitations, seesStaffOf, visiblePeople } from './policy';
import { insertPerson } from './people.testkit';
import { type Role, type RoleTarget, roles } from './roles';

const M1 = '00000000-0000-4000-8000-0000000000a1';
const M2 = '00000000-0000-4000-8000-0000000000a2';
const O1 = '00000000-0000-4000-8000-0000000000b1'; // in M1
const O2 = '00000000-0000-4000-8000-0000000000b2'; // in M1
const O3 = '00000000-0000-4000-8000-0000000000b3'; // in M2

const actor = (parts: Partial<Actor>): Actor => ({ userId: 'u', email: 'u@x', fullName: 'U', platformRoles: [], municipalityId: null, memberships: [], ...parts });
const inOrg = (role: Role, organizationId: string, municipalityId = organizationId === O3 ? M2 : M1): RoleTarget => ({ role, organizationId, municipalityId });
const platform = (role: Role, municipalityId: string | null = null): RoleTarget => ({ role, organizationId: null, municipalityId });

const operator = actor({ platformRoles: ['operator'] });
const authority = actor({ platformRoles: ['authority'], municipalityId: M1 });
const head = actor({ memberships: [{ organizationId: O1, role: 'org_admin' }] });
const staffAdmin = actor({ memberships: [{ organizationId: O1, role: 'staff_admin' }] });
const teacher = actor({ memberships: [{ organizationId: O1, role: 'teacher' }] });
const expert = actor({ platformRoles: ['expert'] });
const orgRoles = ['org_admin', 'staff_admin', 'deputy_head', 'coordinator', 'teacher', 'programme_teacher'] as const;

describe('the grant tree', () => {
  it('the operator grants every role anywhere, except the guardian role that nobody grants', () => {
    for (const role of ['operator', 'expert'] as const) expect(grantableBy(operator, platform(role))).toBe(true);
    expect(grantableBy(operator, platform('authority', M2))).toBe(true);
    for (const role of orgRoles) expect(grantableBy(operator, inOrg(role, O3))).toBe(true);
    expect(grantableBy(operator, platform('guardian'))).toBe(false);
  });

  it('an authority grants its own municipality: its authority staff and any role in its organisations, nothing elsewhere', () => {
    expect(grantableBy(authority, platform('authority', M1))).toBe(true);
    expect(grantableBy(authority, platform('authority', M2))).toBe(false);
    for (const role of orgRoles) {
      expect(grantableBy(authority, inOrg(role, O1))).toBe(true);
      expect(grantableBy(authority, inOrg(role, O3))).toBe(false);
    }
    for (const role of ['operator', 'expert', 'guardian'] as const) expect(grantableBy(authority, platform(role))).toBe(false);
  });

  it('a head grants any role of their own organisation, their own included, and nothing beyond it', () => {
    for (const role of orgRoles) {
      expect(grantableBy(head, inOrg(role, O1))).toBe(true);
      expect(grantableBy(head, inOrg(role, O2))).toBe(false);
    }
    expect(grantableBy(head, platform('authority', M1))).toBe(false);
    expect(grantableBy(head, platform('expert'))).toBe(false);
  });

  it('a staff admin grants only the roles below their own; teachers, experts and guardians grant nothing', () => {
    expect(orgRoles.filter((role) => grantableBy(staffAdmin, inOrg(role, O1)))).toEqual(['deputy_head', 'coordinator', 'teacher', 'programme_teacher']);
    for (const nobody of [teacher, expert, actor({ platformRoles: ['guardian'] })]) {
      expect(roles.filter((role) => grantableBy(nobody, role === 'authority' ? platform(role, M1) : orgRoles.includes(role as never) ? inOrg(role, O1) : platform(role)))).toEqual([]);
    }
  });

  it('several roles add up, each only in its own place: a staff admin of one school who teaches in another; a head who is also an expert', () => {
    const twoSchools = actor({ memberships: [{ organizationId: O1, role: 'staff_admin' }, { organizationId: O3, role: 'teacher' }] });
    expect(grantableBy(twoSchools, inOrg('teacher', O1))).toBe(true);
    expect(grantableBy(twoSchools, inOrg('teacher', O3))).toBe(false);
    const headAndExpert = actor({ platformRoles: ['expert'], memberships: [{ organizationId: O1, role: 'org_admin' }] });
    expect(grantableBy(headAndExpert, inOrg('org_admin', O1))).toBe(true);
    expect(grantableBy(headAndExpert, platform('expert'))).toBe(false);
    const headTwice = actor({ memberships: [{ organizationId: O1, role: 'teacher' }, { organizationId: O1, role: 'org_admin' }] });
    expect(grantableBy(headTwice, inOrg('staff_admin', O1))).toBe(true);
  });

  it('staff lists are visible where one grants: the operator, the municipality’s authority, the head and the staff admin', () => {
    const school = { id: O1, municipalityId: M1 };
    expect([operator, authority, head, staffAdmin].map((a) => seesStaffOf(a, school))).toEqual([true, true, true, true]);
    expect([teacher, expert, actor({ platformRoles: ['authority'], municipalityId: M2 })].map((a) => seesStaffOf(a, school))).toEqual([false, false, false]);
    expect(seesStaffOf(head, { id: O2, municipalityId: M1 })).toBe(false);
  });
});

/** The SQL forms of the grant tree select exactly what the function allows, on real rows. */
describe('the grant tree in SQL agrees with grantableBy and seesStaffOf', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp();
  });
  afterAll(() => t.close());

  it('manageableInvitations selects exactly the invitations grantableBy allows, for actors of every kind', async () => {
    const { municipalityId: home, otherMunicipalityId: away, ownOrganizationId: own, otherOrganizationId: other } = t.fixtures;
    const targets: RoleTarget[] = [
      platform('operator'),
      platform('expert'),
      platform('authority', home),
      platform('authority', away),
      ...orgRoles.flatMap((role) => [
        { role, organizationId: own, municipalityId: home },
        { role, organizationId: other, municipalityId: away },
      ]),
    ];
    const rows = await t.handle.db
      .insert(invitations)
      .values(
        targets.map((target, i) => ({
          email: `grid-${i}@policy.test`,
          fullName: 'Сетка',
          role: target.role,
          organizationId: target.organizationId,
          municipalityId: target.organizationId ? null : target.municipalityId,
          tokenHash: `grid-${i}`,
          invitedBy: t.fixtures.actors.operator!.userId,
          expiresAt: new Date(Date.now() + 86_400_000),
        })),
      )
      .returning({ id: invitations.id });
    const ids = rows.map((r) => r.id);
    const actors: Actor[] = [
      ...Object.values(t.fixtures.actors).filter((a): a is Actor => a !== null),
      actor({ userId: t.fixtures.actors.teacher!.userId, memberships: [{ organizationId: own, role: 'staff_admin' }, { organizationId: other, role: 'teacher' }] }),
      actor({ platformRoles: ['expert'], memberships: [{ organizationId: other, role: 'org_admin' }] }),
    ];
    for (const someone of actors) {
      const selected = await t.handle.db.select({ id: invitations.id }).from(invitations).where(and(inArray(invitations.id, ids), manageableInvitations(someone)));
      const expected = ids.filter((_, i) => grantableBy(someone, targets[i]));
      expect(selected.map((r) => r.id).sort(), JSON.stringify(someone)).toEqual(expected.sort());
    }
  });

  it('visiblePeople selects the holders of roles in the places seesStaffOf opens, and the operator everyone', async () => {
    const { municipalityId: home, otherMunicipalityId: away, ownOrganizationId: own, otherOrganizationId: other } = t.fixtures;
    const people = {
      authorityHome: (await insertPerson(t, { platform: ['authority'], municipalityId: home })).user.id,
      authorityAway: (await insertPerson(t, { platform: ['authority'], municipalityId: away })).user.id,
      coordinatorOwn: (await insertPerson(t, { memberships: [{ organizationId: own, role: 'coordinator' }] })).user.id,
      teacherOther: (await insertPerson(t, { memberships: [{ organizationId: other, role: 'teacher' }] })).user.id,
      both: (await insertPerson(t, { memberships: [{ organizationId: own, role: 'teacher' }, { organizationId: other, role: 'teacher' }] })).user.id,
      guardian: (await insertPerson(t, { platform: ['guardian'] })).user.id,
    };
    const ids = Object.values(people);
    const seen = async (someone: Actor) =>
      (await t.handle.db.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), visiblePeople(someone)))).map((r) => r.id).sort();
    const names = (keys: (keyof typeof people)[]) => keys.map((k) => people[k]).sort();
    expect(await seen(t.fixtures.actors.operator!)).toEqual(names(['authorityHome', 'authorityAway', 'coordinatorOwn', 'teacherOther', 'both', 'guardian']));
    expect(await seen(t.fixtures.actors.authority!)).toEqual(names(['authorityHome', 'coordinatorOwn', 'both']));
    expect(await seen(t.fixtures.actors.orgAdmin!)).toEqual(names(['coordinatorOwn', 'both']));
    expect(await seen(t.fixtures.actors.otherOrgAdmin!)).toEqual(names(['teacherOther', 'both']));
    expect(await seen(t.fixtures.actors.teacher!)).toEqual([]);
    expect(await seen(t.fixtures.actors.expert!)).toEqual([]);
    // A staff admin sees the whole staff of their school, heads included, though they grant only the lower roles.
    const staffAdmin = actor({ memberships: [{ organizationId: own, role: 'staff_admin' }] });
    expect((await seen(staffAdmin)).includes(people.coordinatorOwn)).toBe(true);
    const [orgAdminRow] = await t.handle.db.select({ id: users.id }).from(users).where(and(eq(users.id, t.fixtures.actors.orgAdmin!.userId), visiblePeople(staffAdmin)));
    expect(orgAdminRow).toBeDefined();
  });
});
