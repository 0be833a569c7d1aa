import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, openTestApp } from '../../../test/app';
import { seedNetwork } from '../../../test/network-fixtures';
import { openSession } from '../accounts/sessions';
import { memberships } from '../accounts/schema';
import { auditEntries } from '../../platform/audit/schema';
import { notifications } from '../notifications/schema';
import { practiceAuthors, practices } from '../practices/schema';
import { insertAssignment, newExpert, roundWithPractice, rubricInput, submittedPractice } from './review.testkit';
import { practiceRubrics, reviewAssignments, reviewScores } from './schema';

describe('expert review of practices', () => {
  let t: TestApp;
  let operator: Session;
  beforeAll(async () => {
    t = await openTestApp();
    operator = await t.signIn('operator');
  });
  afterAll(() => t.close());

  const sessionFor = async (userId: string): Promise<Session> => {
    const { token, csrfToken } = await openSession(t.handle.db, userId, { ip: '127.0.0.1', userAgent: 'test' });
    return { cookie: `orbita_session=${token}`, csrfToken };
  };
  const scoresOf = (criteria: { id: string }[], relevance: number | null, novelty: number | null, submit = true) => ({
    scores: [
      { criterionId: criteria[0].id, score: relevance, comment: 'Проблема названа и важна' },
      { criterionId: criteria[1].id, score: novelty, comment: '' },
    ],
    submit,
  });

  it('refuses a rubric with weight 0, without criteria, with an upside-down scale — in Russian, nothing saved', async () => {
    const [{ before }] = await t.handle.db.select({ before: count() }).from(practiceRubrics);
    const good = rubricInput();
    const cases = [
      { ...good, criteria: [{ ...good.criteria[0], weight: 0 }] },
      { ...good, criteria: [] },
      { ...good, criteria: [{ ...good.criteria[0], scaleMin: 5, scaleMax: 5, descriptors: [] }] },
    ];
    const messages = [];
    for (const body of cases) {
      const response = await t.call('POST', '/api/practice-rubrics', { session: operator, body });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      messages.push(JSON.stringify(response.json()));
    }
    expect(messages[0]).toContain('Вес критерия — больше нуля');
    expect(messages[1]).toContain('Добавьте хотя бы один критерий');
    expect(messages[2]).toContain('Верхняя граница шкалы должна быть больше нижней');
    const [{ after }] = await t.handle.db.select({ after: count() }).from(practiceRubrics);
    expect(after).toBe(before);

    const created = await t.call('POST', '/api/practice-rubrics', { session: operator, body: good });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ title: good.title, networkId: null, usedByRounds: 0, criteria: [{ title: 'Актуальность', weight: 2 }, { title: 'Новизна', allowsNotApplicable: true }] });
  });

  it('conflict of interest: the author, staff of its organisation and staff of a school in a network with it are refused; an unrelated expert is assigned', async () => {
    // The other organisation is a member of a network managed by the own one.
    await seedNetwork(t.handle.db, t.fixtures, { name: 'Сеть для проверки конфликта интересов' });
    const setup = await roundWithPractice(t, t.fixtures.ownOrganizationId);
    const author = await newExpert(t, 'Автор Эксперт');
    const staff = await newExpert(t, 'Сотрудник Эксперт');
    const neighbour = await newExpert(t, 'Сосед Эксперт');
    const unrelated = await newExpert(t, 'Посторонний Эксперт');
    await t.handle.db.insert(memberships).values([
      { userId: author.id, organizationId: t.fixtures.ownOrganizationId, role: 'teacher' },
      { userId: staff.id, organizationId: t.fixtures.ownOrganizationId, role: 'teacher' },
      { userId: neighbour.id, organizationId: t.fixtures.otherOrganizationId, role: 'teacher' },
    ]);
    await t.handle.db.insert(practiceAuthors).values({ practiceId: setup.practice.id, userId: author.id });

    const assign = (expertId: string) => t.call('POST', `/api/review-rounds/${setup.round.id}/assignments`, { session: operator, body: { practiceId: setup.practice.id, expertId } });
    const expected = { [author.id]: 'автор этой практики', [staff.id]: 'работает в организации, которой принадлежит практика', [neighbour.id]: 'в одной сети' };
    for (const [expertId, reason] of Object.entries(expected)) {
      const response = await assign(expertId);
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().detail).toContain('Конфликт интересов');
      expect(response.json().detail).toContain(reason);
    }
    const listed = await t.call('GET', `/api/review-rounds/${setup.round.id}/experts?practiceId=${setup.practice.id}`, { session: operator });
    const byId = new Map(listed.json().items.map((e: { id: string }) => [e.id, e]));
    expect(byId.get(author.id)).toMatchObject({ eligible: false, conflict: expect.stringContaining('автор') });
    expect(byId.get(neighbour.id)).toMatchObject({ eligible: false, conflict: expect.stringContaining('сети') });
    expect(byId.get(unrelated.id)).toMatchObject({ eligible: true, conflict: null, load: 0 });

    const allowed = await assign(unrelated.id);
    expect(allowed.statusCode, allowed.body).toBe(201);
    expect(allowed.json()).toMatchObject({ role: 'first', state: 'assigned', expert: { id: unrelated.id } });
    const [{ n }] = await t.handle.db.select({ n: count() }).from(reviewAssignments).where(eq(reviewAssignments.practiceId, setup.practice.id));
    expect(n).toBe(1);
    const told = await t.handle.db.select().from(notifications).where(and(eq(notifications.userId, unrelated.id), eq(notifications.kind, 'review_assigned')));
    expect(told).toHaveLength(1);

    // Auto-assignment skips the three as well and says why the practice is still one short.
    const auto = await t.call('POST', `/api/review-rounds/${setup.round.id}/auto-assign`, { session: operator, body: { practiceId: setup.practice.id } });
    expect(auto.statusCode, auto.body).toBe(200);
    expect(auto.json().assigned.map((a: { expert: { id: string } }) => a.expert.id)).not.toContain(author.id);
    expect([author.id, staff.id, neighbour.id]).not.toContain(auto.json().assigned[0]?.expert.id);
  });

  it('an expert whose conflict arose after assignment cannot open the assignment nor score it', async () => {
    const setup = await roundWithPractice(t, t.fixtures.ownOrganizationId);
    const expert = await newExpert(t);
    const assignment = await insertAssignment(t, setup, expert.id, 'first');
    const session = await sessionFor(expert.id);
    expect((await t.call('GET', `/api/review-assignments/${assignment.id}`, { session })).statusCode).toBe(200);
    await t.handle.db.insert(memberships).values({ userId: expert.id, organizationId: t.fixtures.ownOrganizationId, role: 'teacher' });
    const refreshed = await sessionFor(expert.id);
    const view = await t.call('GET', `/api/review-assignments/${assignment.id}`, { session: refreshed });
    expect(view.statusCode).toBe(403);
    expect(view.json().detail).toContain('Конфликт интересов');
    const scored = await t.call('PUT', `/api/review-assignments/${assignment.id}/scores`, { session: refreshed, body: scoresOf(setup.criteria, 3, 2) });
    expect(scored.statusCode).toBe(403);
    expect(await t.handle.db.select().from(reviewScores).where(eq(reviewScores.assignmentId, assignment.id))).toEqual([]);
  });

  it('refuses a score outside the scale and N/A where it is not allowed, saving nothing', async () => {
    const setup = await roundWithPractice(t, t.fixtures.otherOrganizationId);
    const expert = await newExpert(t);
    const assignment = await insertAssignment(t, setup, expert.id, 'first');
    const session = await sessionFor(expert.id);
    const outside = await t.call('PUT', `/api/review-assignments/${assignment.id}/scores`, { session, body: scoresOf(setup.criteria, 5, 1) });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().detail).toContain('балл от 0 до 4');
    const notApplicable = await t.call('PUT', `/api/review-assignments/${assignment.id}/scores`, { session, body: scoresOf(setup.criteria, null, 1) });
    expect(notApplicable.statusCode).toBe(400);
    expect(notApplicable.json().detail).toContain('«не применимо» для этого критерия не допускается');
    expect(await t.handle.db.select().from(reviewScores).where(eq(reviewScores.assignmentId, assignment.id))).toEqual([]);
    const partial = await t.call('PUT', `/api/review-assignments/${assignment.id}/scores`, { session, body: { scores: [{ criterionId: setup.criteria[0].id, score: 2, comment: '' }], submit: true } });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().detail).toContain('оцените все критерии');
  });

  it('two experts review at once, the editor publishes; a practice edited during review keeps the reviewed version and its scores', async () => {
    const teacher = await t.signIn('teacher');
    const head = await t.signIn('orgAdmin');
    const practice = await submittedPractice(t, t.fixtures.ownOrganizationId, { authors: [{ userId: t.fixtures.actors.teacher!.userId }], title: 'Сетевые проекты на экспертизе', direction: 'Одарённые дети' });
    const rubric = (await t.call('POST', '/api/practice-rubrics', { session: operator, body: rubricInput() })).json();
    const round = await t.call('POST', '/api/review-rounds', { session: operator, body: { title: 'Весенний тур', rubricId: rubric.id, networkId: null, deadline: '2027-04-01', disagreementThreshold: 30 } });
    expect(round.statusCode, round.body).toBe(201);
    const roundId = round.json().id;
    expect((await t.call('POST', `/api/review-rounds/${roundId}/practices`, { session: operator, body: { practiceId: practice.id } })).statusCode).toBe(201);
    expect((await t.call('GET', `/api/practices/${practice.id}/review`, { session: teacher })).json()).toMatchObject({ status: 'in_review', composite: null });
    const used = await t.call('PATCH', `/api/practice-rubrics/${rubric.id}`, { session: operator, body: { ...rubricInput(), version: rubric.version } });
    expect(used.statusCode).toBe(409);

    // Directions decide: two experts of «Одарённые дети» are chosen over less loaded others.
    const first = await newExpert(t, 'Андреева Первая');
    const second = await newExpert(t, 'Борисова Вторая');
    for (const e of [first, second]) {
      expect((await t.call('PUT', `/api/review-experts/${e.id}`, { session: operator, body: { directions: ['Одарённые дети'] } })).statusCode).toBe(200);
    }
    const auto = await t.call('POST', `/api/review-rounds/${roundId}/auto-assign`, { session: operator, body: {} });
    expect(auto.statusCode, auto.body).toBe(200);
    const mine = auto.json().assigned.filter((a: { practiceId: string }) => a.practiceId === practice.id);
    expect(mine.map((a: { expert: { id: string } }) => a.expert.id).sort()).toEqual([first.id, second.id].sort());

    // The authors edit the practice while it is reviewed: a new draft; the experts still read the submitted text.
    const card = (await t.call('GET', `/api/practices/${practice.id}`, { session: teacher })).json();
    const edited = await t.call('PATCH', `/api/practices/${practice.id}`, { session: teacher, body: { version: card.version, title: 'Сетевые проекты, новая редакция' } });
    expect(edited.statusCode, edited.body).toBe(200);
    const [a1, a2] = [mine.find((a: { expert: { id: string } }) => a.expert.id === first.id), mine.find((a: { expert: { id: string } }) => a.expert.id === second.id)];
    const [s1, s2] = [await sessionFor(first.id), await sessionFor(second.id)];
    const view = (await t.call('GET', `/api/review-assignments/${a1.id}`, { session: s1 })).json();
    expect(view.version).toMatchObject({ id: practice.versionId, title: 'Сетевые проекты на экспертизе' });

    const [r1, r2] = await Promise.all([
      t.call('PUT', `/api/review-assignments/${a1.id}/scores`, { session: s1, body: scoresOf(view.rubric.criteria, 3, 2) }),
      t.call('PUT', `/api/review-assignments/${a2.id}/scores`, { session: s2, body: scoresOf(view.rubric.criteria, 4, null) }),
    ]);
    expect([r1.statusCode, r2.statusCode], r1.body + r2.body).toEqual([200, 200]);
    expect([r1.json().state, r2.json().state]).toEqual(['submitted', 'submitted']);
    const again = await t.call('PUT', `/api/review-assignments/${a1.id}/scores`, { session: s1, body: scoresOf(view.rubric.criteria, 0, 0) });
    expect(again.statusCode).toBe(409);

    const detail = (await t.call('GET', `/api/review-rounds/${roundId}`, { session: operator })).json();
    expect(detail.practices.find((p: { practiceId: string }) => p.practiceId === practice.id)).toMatchObject({ state: 'ready', versionId: practice.versionId, title: 'Сетевые проекты на экспертизе' });

    const published = await t.call('POST', `/api/review-rounds/${roundId}/practices/${practice.id}/publish`, { session: operator });
    expect(published.statusCode, published.body).toBe(200);
    // Relevance 75 and 100 → 87.5; novelty 100 and N/A → 100; (87.5·2 + 100)/3 = 91.67.
    expect(published.json()).toMatchObject({ versionId: practice.versionId, score: 91.67, expertCount: 2, criteria: [{ score: 87.5, comments: ['Проблема названа и важна', 'Проблема названа и важна'] }, { score: 100 }] });
    const [row] = await t.handle.db.select().from(practices).where(eq(practices.id, practice.id));
    expect(row).toMatchObject({ reviewStatus: 'reviewed', reviewScore: 91.67, state: 'draft', publishedVersionId: null });
    const review = (await t.call('GET', `/api/practices/${practice.id}/review`, { session: teacher })).json();
    expect(review).toMatchObject({ status: 'reviewed', composite: { versionId: practice.versionId, versionNumber: 1, score: 91.67 }, authorAnswer: null });
    const reviews = (await t.call('GET', `/api/review-rounds/${roundId}/practices/${practice.id}/reviews`, { session: operator })).json();
    expect(reviews.version.title).toBe('Сетевые проекты на экспертизе');
    expect(reviews.reviews.map((r: { total: number }) => r.total)).toEqual(expect.arrayContaining([83.33, 100]));

    const told = await t.handle.db.select({ userId: notifications.userId }).from(notifications).where(and(eq(notifications.kind, 'review_published'), like(notifications.link, `%${practice.id}%`)));
    expect(told.map((n) => n.userId).sort()).toEqual([t.fixtures.actors.teacher!.userId, t.fixtures.actors.orgAdmin!.userId].sort());
    const audit = await t.handle.db.select({ action: auditEntries.action }).from(auditEntries).where(like(auditEntries.action, 'review_%'));
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['review_round.created', 'review_round.practice_added', 'review_assignment.created', 'review_assignment.submitted', 'review_composite.published']));

    // The authors answer once.
    const answer = await t.call('POST', `/api/practices/${practice.id}/review/answer`, { session: head, body: { text: 'Спасибо, учтём замечания о новизне.' } });
    expect(answer.statusCode, answer.body).toBe(201);
    expect(answer.json().authorAnswer).toMatchObject({ text: 'Спасибо, учтём замечания о новизне.' });
    const twice = await t.call('POST', `/api/practices/${practice.id}/review/answer`, { session: teacher, body: { text: 'Ещё раз' } });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses to publish with fewer than two reviews and during a disagreement without a third; the third settles it (mean of three)', async () => {
    const setup = await roundWithPractice(t, t.fixtures.otherOrganizationId, null, 20);
    const publish = () => t.call('POST', `/api/review-rounds/${setup.round.id}/practices/${setup.practice.id}/publish`, { session: operator });
    await insertAssignment(t, setup, (await newExpert(t)).id, 'first', [4, 2]);
    const one = await publish();
    expect(one.statusCode).toBe(409);
    expect(one.json().detail).toContain('две экспертизы');
    await insertAssignment(t, setup, (await newExpert(t)).id, 'second', [1, 0]);
    const split = await publish();
    expect(split.statusCode).toBe(409);
    expect(split.json().detail).toContain('третьего эксперта');
    const third = await newExpert(t);
    const assigned = await t.call('POST', `/api/review-rounds/${setup.round.id}/assignments`, { session: operator, body: { practiceId: setup.practice.id, expertId: third.id } });
    expect(assigned.statusCode, assigned.body).toBe(201);
    expect(assigned.json().role).toBe('third');
    const submitted = await t.call('PUT', `/api/review-assignments/${assigned.json().id}/scores`, { session: await sessionFor(third.id), body: scoresOf(setup.criteria, 2, 1) });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const done = await publish();
    expect(done.statusCode, done.body).toBe(200);
    // Relevance (100 + 25 + 50)/3 = 58.33; novelty (100 + 0 + 50)/3 = 50; (58.33·2 + 50)/3 = 55.55.
    expect(done.json()).toMatchObject({ expertCount: 3, score: 55.55 });
    // Publication with review: the submitted version enters the library with its composite.
    const [row] = await t.handle.db.select().from(practices).where(eq(practices.id, setup.practice.id));
    expect(row).toMatchObject({ state: 'published', publishedVersionId: setup.practice.versionId, workingVersionId: null, reviewStatus: 'reviewed' });
  });

  it('a practice never reviewed is «none», not a low score', async () => {
    const setup = await submittedPractice(t, t.fixtures.ownOrganizationId);
    const response = await t.call('GET', `/api/practices/${setup.id}/review`, { session: operator });
    expect(response.json()).toEqual({ status: 'none', composite: null, authorAnswer: null });
  });
});
