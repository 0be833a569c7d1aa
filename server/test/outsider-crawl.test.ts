import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships, userRoles, users } from '../src/modules/accounts/schema';
import { openSession } from '../src/modules/accounts/sessions';
import { campaigns } from '../src/modules/campaigns/schema';
import { unzip, readPdf } from '../src/modules/documents/export-readers.testkit';
import { networks } from '../src/modules/networks/schema';
import { programmes } from '../src/modules/programmes/schema';
import { municipalities } from '../src/modules/territory/schema';
import { loadConfig } from '../src/platform/config';
import type { DatabaseHandle } from '../src/platform/db/client';
import { buildApp } from '../src/platform/http/app';
import type { App } from '../src/platform/http/route-kit';
import { seedDemoRegion } from '../src/seed/seed-demo';
import { openTestDatabase } from './database';
import type { Session } from './app';

/**
 * An outsider's crawl of the whole API over the demo region with two members-only networks: the launched
 * Kaliningrad alliance (council, signed documents, a plan, exchanges with an agreement, programmes, a
 * campaign, members' inventories) and the Tyumen local alliance nested in the public association. Every
 * GET route of the route table is walked with real ids; no answer may name a hidden network or carry its
 * id. Every write route addressing a hidden network's objects must answer exactly as for an id that does
 * not exist (404), never 403 or 201.
 */

const PARAM_KINDS: Record<string, string> = {
  networks: 'networks',
  'network-members': 'network_members',
  'council-members': 'council_members',
  meetings: 'council_meetings',
  decisions: 'council_decisions',
  documents: 'network_documents',
  plans: 'network_plans',
  'plan-items': 'network_plan_items',
  organizations: 'organizations',
  offers: 'resource_offers',
  needs: 'resource_needs',
  exchanges: 'resource_exchanges',
  programmes: 'programmes',
  children: 'children',
  enrolments: 'enrolments',
  campaigns: 'campaigns',
  notifications: 'notifications',
  outbox: 'outbox_messages',
  invitations: 'invitations',
  people: 'users',
  municipalities: 'municipalities',
  imports: 'organization_imports',
  'staff-imports': 'staff_imports',
  events: 'events',
  'event-registrations': 'event_registrations',
  'event-materials': 'event_materials',
  certificates: 'certificates',
  consultations: 'consultation_requests',
  practices: 'practices',
  versions: 'practice_versions',
  'practice-attachments': 'practice_attachments',
  'practice-adoptions': 'practice_adoptions',
  'practice-rubrics': 'practice_rubrics',
  'review-rounds': 'review_rounds',
  'review-assignments': 'review_assignments',
  'review-experts': 'users',
};
const NAMED_PARAMS: Record<string, string> = { practiceId: 'practices', networkId: 'networks', organizationId: 'organizations', programmeId: 'programmes', childId: 'children' };

let handle: DatabaseHandle;
let app: App;
const hidden: { id: string; name: string }[] = [];
const ids = new Map<string, string[]>();
/** Ids of rows that belong to a hidden network (its members' relations, council, documents, plans, exchanges, campaign). */
const hiddenObjects = new Map<string, string[]>();
/** Organisations with a relation to a hidden network. */
let insiders: string[] = [];
const outsiders: Record<string, Session | null> = { anonymous: null };

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

async function column(query: ReturnType<typeof sql>): Promise<string[]> {
  return rowsOf<{ id: string }>(await handle.db.execute(query)).map((r) => r.id);
}

async function sessionOf(userId: string): Promise<Session> {
  const { token, csrfToken } = await openSession(handle.db, userId, { ip: '127.0.0.1', userAgent: 'crawl' });
  return { cookie: `orbita_session=${token}`, csrfToken };
}

function call(method: string, url: string, session: Session | null, body?: unknown) {
  return app.inject({
    method: method as 'GET',
    url,
    headers: session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {},
    ...(body !== undefined ? { payload: body as object } : {}),
  });
}

/** The text a response shows: JSON and text as is, DOCX and XLSX by their XML entries, PDF by its drawn text. */
function readable(response: Awaited<ReturnType<typeof call>>): string {
  const type = String(response.headers['content-type'] ?? '');
  const raw = response.rawPayload;
  if (type.includes('pdf')) return readPdfText(raw);
  if (type.includes('officedocument') || type.includes('zip')) return [...unzip(raw).values()].map((b) => b.toString('utf8')).join('\n');
  return response.body;
}

/** A PDF's drawn text; a partial answer that is not a whole PDF is read as bytes. */
function readPdfText(pdf: Buffer): string {
  try {
    return readPdf(pdf).text;
  } catch {
    return pdf.toString('utf8');
  }
}

function candidates(route: string, param: string): string[] {
  if (param === 'step') return ['council'];
  // Secrets and codes: an outsider only guesses them.
  if (param === 'token' || param === 'code' || param === 'file') return ['no-such-token'];
  const segments = route.split('/');
  const kind = NAMED_PARAMS[param] ?? PARAM_KINDS[segments[segments.indexOf(`:${param}`) - 1] ?? ''];
  if (kind) return ids.get(kind) ?? [];
  return [...ids.values()].flat();
}

function expand(route: string): string[] {
  const params = [...route.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
  let urls = [route];
  for (const param of params) urls = urls.flatMap((url) => candidates(route, param).map((id) => url.replace(`:${param}`, id)));
  // A parameter of a kind not named above is tried with every id of every kind: two such in one route would be a million requests.
  expect(urls.length, `${route}: name its parameters' kinds in PARAM_KINDS`).toBeLessThan(5_000);
  return urls;
}

beforeAll(async () => {
  handle = await openTestDatabase();
  await seedDemoRegion({ db: handle.db, actor: null, ip: 'test' });
  const db = handle.db;
  const byName = async (prefix: string) => (await db.select().from(networks).where(sql`${networks.name} like ${prefix + '%'}`))[0];
  const alliance = await byName('Калининградский альянс');
  const informatization = await byName('Сетевой центр информатизации');
  expect(informatization.parentNetworkId).not.toBeNull();
  await db.update(networks).set({ visibility: 'members' }).where(inArray(networks.id, [alliance.id, informatization.id]));
  hidden.push(...[alliance, informatization].map((n) => ({ id: n.id, name: n.name })));

  // A campaign of the hidden alliance with one of its programmes, open to families.
  const [programme] = await db.select().from(programmes).where(sql`${alliance.id} = any(${programmes.networkIds})`).limit(1);
  const [campaign] = await db
    .insert(campaigns)
    .values({
      organizerOrganizationId: alliance.managingOrganizationId,
      networkId: alliance.id,
      title: 'Летняя запись на занятия',
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 7 * 86_400_000),
      state: 'open',
      lotterySeedHash: 'a'.repeat(64),
    })
    .returning();
  await db.execute(sql`insert into campaign_programmes (campaign_id, programme_id, seats) values (${campaign.id}, ${programme.id}, 10)`);

  const hiddenIds = hidden.map((n) => n.id);
  insiders = await column(sql`select distinct organization_id as id from network_members where network_id in ${hiddenIds}
    union select managing_organization_id from networks where id in ${hiddenIds}`);
  const tables = [...new Set([...Object.values(PARAM_KINDS), ...Object.values(NAMED_PARAMS)])];
  for (const table of tables) ids.set(table, await column(sql`select id::text as id from ${sql.identifier(table)} order by id limit 60`));
  // Organisations: every organisation of the hidden networks and of their parent, and a few others.
  const related = await column(sql`select distinct organization_id as id from network_members
    where network_id in (select parent_network_id from networks where id in ${hiddenIds}) or network_id in ${hiddenIds}`);
  ids.set('organizations', [...new Set([...insiders, ...related, ...(ids.get('organizations') ?? []).slice(0, 5)])]);
  // Offers and needs: those of the hidden networks' members first (suggestions would match across them).
  for (const table of ['resource_offers', 'resource_needs']) {
    const own = await column(sql`select id::text as id from ${sql.identifier(table)} where organization_id in ${insiders} order by id limit 40`);
    ids.set(table, [...new Set([...own, ...(ids.get(table) ?? []).slice(0, 20)])]);
  }
  hiddenObjects.set('networks', hiddenIds);
  hiddenObjects.set('network_members', await column(sql`select id::text as id from network_members where network_id in ${hiddenIds}`));
  hiddenObjects.set('council_members', await column(sql`select id::text as id from council_members where network_id in ${hiddenIds}`));
  hiddenObjects.set('council_meetings', await column(sql`select id::text as id from council_meetings where network_id in ${hiddenIds}`));
  hiddenObjects.set('network_documents', await column(sql`select id::text as id from network_documents where network_id in ${hiddenIds}`));
  hiddenObjects.set('network_plans', await column(sql`select id::text as id from network_plans where network_id in ${hiddenIds}`));
  hiddenObjects.set('network_plan_items', await column(sql`select i.id::text as id from network_plan_items i join network_plans p on p.id = i.plan_id where p.network_id in ${hiddenIds}`));
  hiddenObjects.set('resource_exchanges', await column(sql`select id::text as id from resource_exchanges where network_id in ${hiddenIds}`));
  expect(hiddenObjects.get('network_documents')!.length).toBeGreaterThan(0);
  expect(hiddenObjects.get('network_plans')!.length).toBeGreaterThan(0);
  expect(hiddenObjects.get('council_members')!.length).toBeGreaterThan(0);
  expect(hiddenObjects.get('resource_exchanges')!.length).toBeGreaterThan(0);

  // Outsiders: a guardian, the head and a teacher of an organisation in no hidden network, an authority of a municipality they do not cover.
  const [guardian] = await db.select().from(users).where(eq(users.email, 'guardian@orbita.demo'));
  const [head] = await db.select().from(users).where(eq(users.email, 'director31@orbita.demo'));
  const [headMembership] = await db.select().from(memberships).where(eq(memberships.userId, head.id));
  expect(insiders).not.toContain(headMembership.organizationId);
  const [teacher] = await db.insert(users).values({ email: 'crawl-teacher@test.orbita', passwordHash: 'x', fullName: 'Учитель Посторонний' }).returning();
  await db.insert(memberships).values({ userId: teacher.id, organizationId: headMembership.organizationId, role: 'teacher' });
  const covered = new Set([alliance, informatization].flatMap((n) => n.municipalityIds));
  const elsewhere = (await db.select().from(municipalities)).find((m) => !covered.has(m.id))!;
  const [authority] = await db.insert(users).values({ email: 'crawl-authority@test.orbita', passwordHash: 'x', fullName: 'Чиновник Посторонний', municipalityId: elsewhere.id }).returning();
  await db.insert(userRoles).values({ userId: authority.id, role: 'authority' });
  outsiders.guardian = await sessionOf(guardian.id);
  outsiders.otherHead = await sessionOf(head.id);
  outsiders.otherTeacher = await sessionOf(teacher.id);
  outsiders.otherAuthority = await sessionOf(authority.id);

  app = await buildApp(handle, { ...loadConfig({}), logLevel: 'silent' });
  await app.ready();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const skipped = (url: string) => url.startsWith('/api/docs') || url === '/api/openapi.json' || url === '/*' || url.startsWith('/api/auth/sso');

describe('an outsider crawling the API', () => {
  it('never sees a members-only network: no GET answer carries its id or name', async () => {
    const routes = app.routeTable.filter((r) => r.method === 'GET' && !skipped(r.url));
    const leaks: string[] = [];
    let requests = 0;
    const filters = insiders.map((id) => `organizationId=${id}`);
    for (const [who, session] of Object.entries(outsiders)) {
      for (const route of routes) {
        const urls = expand(route.url);
        // Lists filter by query: ask each one for the hidden networks and their organisations too.
        if (!route.url.includes(':')) {
          urls.push(...filters.map((f) => `${route.url}?${f}`));
          // Filtering by a hidden network must answer as filtering by one that does not exist.
          for (const network of hidden) {
            const [asked, unknown, again] = [network.id, randomUUID(), randomUUID()];
            // Files carry the moment they were made: only JSON answers are compared.
            const answer = async (id: string) => {
              const response = await call('GET', `${route.url}?networkId=${id}`, session);
              return String(response.headers['content-type']).includes('json') ? response.body.replaceAll(id, '…') : '';
            };
            const [a, b, c] = [await answer(asked), await answer(unknown), await answer(again)];
            requests += 3;
            if (a !== b && b === c) leaks.push(`${who} GET ${route.url}?networkId= answers for «${network.name}» unlike for an unknown network`);
          }
        }
        for (const url of urls) {
          const response = await call('GET', url, session);
          requests++;
          expect(response.statusCode, `${who} GET ${url}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          const text = readable(response);
          for (const network of hidden) {
            if (text.includes(network.id) || text.includes(network.name)) leaks.push(`${who} GET ${url} → ${response.statusCode} names «${network.name}»`);
          }
        }
      }
    }
    console.info(`outsider crawl: ${routes.length} GET routes, ${Object.keys(outsiders).length} outsiders, ${requests} requests, ${leaks.length} leaks`);
    if (leaks.length) console.info(leaks.join("\n"));
    expect(leaks).toEqual([]);
  }, 600_000);

  it('cannot tell a hidden network from a missing one through any write route', async () => {
    const routes = app.routeTable.filter((r) => r.method !== 'GET' && r.url.includes(':') && !skipped(r.url));
    const differences: string[] = [];
    let requests = 0;
    const [ownOrganization] = await handle.db.select().from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(users.email, 'director31@orbita.demo'));
    // Bodies that pass validation where the route addresses the network, so the answer comes from loading it.
    const bodies: Record<string, unknown> = {
      'POST /api/networks/:id/requests': { organizationId: ownOrganization.memberships.organizationId, role: 'member' },
      'POST /api/networks/:id/invitations': { organizationId: ownOrganization.memberships.organizationId, role: 'member' },
      'PATCH /api/networks/:id': { version: 1, description: 'Изменено посторонним' },
      'PUT /api/networks/:id/launch-path/:step': { done: true },
      'PUT /api/networks/:id/launch-path': { revision: 0, steps: [{ key: 'launch' }] },
      'POST /api/networks/:networkId/meetings': { title: 'Заседание', startsAt: new Date(Date.now() + 86_400_000).toISOString(), agenda: ['Повестка'] },
      'POST /api/networks/:networkId/documents': { kind: 'agreement' },
      'POST /api/networks/:networkId/plans': { title: 'План постороннего', kind: 'network_plan' },
      'POST /api/networks/:networkId/council/members': { fullName: 'Посторонний', organizationId: ownOrganization.memberships.organizationId, role: 'member' },
      'POST /api/documents/:id/send': { versionId: randomUUID(), sha256: 'a'.repeat(64) },
      'POST /api/documents/:id/sign': { versionId: randomUUID(), sha256: 'a'.repeat(64), password: 'пароль' },
      'PATCH /api/documents/:id': { versionId: randomUUID(), sha256: 'a'.repeat(64), title: 'Изменено посторонним' },
      'PATCH /api/plans/:id': { version: 1, title: 'Изменено посторонним' },
      'POST /api/plans/:id/items': { activity: 'Пункт постороннего' },
    };
    for (const [who, session] of Object.entries(outsiders)) {
      if (!session) continue;
      for (const route of routes) {
        const param = [...route.url.matchAll(/:([A-Za-z]+)/g)][0][1];
        const segments = route.url.split('/');
        const kind = NAMED_PARAMS[param] ?? PARAM_KINDS[segments[segments.indexOf(`:${param}`) - 1] ?? ''];
        const targets = hiddenObjects.get(kind) ?? [];
        if (!targets.length) continue;
        const key = `${route.method} ${route.url}`;
        const body = bodies[key] ?? {};
        const url = (id: string) => route.url.replace(`:${param}`, id).replace(/:step/, 'council').replace(/:[A-Za-z]+/g, randomUUID());
        for (const target of targets.slice(0, 3)) {
          const [real, missing] = [await call(route.method, url(target), session, body), await call(route.method, url(randomUUID()), session, body)];
          requests += 2;
          const shape = (r: typeof real) => `${r.statusCode} ${String(r.json<{ title?: string }>().title ?? '')}`;
          if (real.statusCode === 403 || real.statusCode < 300 || shape(real) !== shape(missing)) {
            differences.push(`${who} ${key} on ${kind} ${target}: ${real.statusCode} ${real.body.slice(0, 160)} (missing id: ${missing.statusCode})`);
          }
          if (bodies[key] && real.statusCode !== 404) differences.push(`${who} ${key}: ${real.statusCode} instead of 404`);
        }
      }
    }
    console.info(`outsider writes: ${requests} requests, ${differences.length} answers that differ from a missing id`);
    if (differences.length) console.info(differences.join("\n"));
    expect(differences).toEqual([]);
    const [requested] = rowsOf<{ count: number }>(await handle.db.execute(sql`select count(*)::int as count from network_members where state = 'requested' and organization_id = ${ownOrganization.memberships.organizationId}`));
    expect(Number(requested.count)).toBe(0);
  }, 600_000);
});
