import { eq, inArray } from 'drizzle-orm';
import type { CommandContext } from '../platform/context';
import { users } from '../modules/accounts/schema';
import { loadActor } from '../modules/accounts/sessions';
import { assignExpert } from '../modules/practice-reviews/assignments';
import { publishComposite } from '../modules/practice-reviews/composites';
import { saveScores } from '../modules/practice-reviews/expert-work';
import { setExpertDirections } from '../modules/practice-reviews/experts';
import { addRoundPractice, createRound } from '../modules/practice-reviews/rounds';
import { createRubric } from '../modules/practice-reviews/rubrics';
import { reviewRoundPractices } from '../modules/practice-reviews/schema';
import { practiceVersions, practices } from '../modules/practices/schema';

const scale = (low: string, high: string) => [
  { score: 0, text: low },
  { score: 2, text: 'Частично' },
  { score: 4, text: high },
];

/** The region's rubric, in the seeds' words: what Tyumen's public expertise and Kaliningrad's handbook ask of a practice. */
const regionRubric = {
  title: 'Региональные критерии экспертизы практик',
  networkId: null,
  criteria: [
    { title: 'Актуальность', description: 'Практика решает проблему, важную для школ региона', scaleMin: 0, scaleMax: 4, descriptors: scale('Проблема не названа', 'Проблема важна для многих школ'), allowsNotApplicable: false, weight: 2 },
    { title: 'Новизна', description: 'Чем практика отличается от известных решений', scaleMin: 0, scaleMax: 4, descriptors: scale('Известное решение', 'Новое решение'), allowsNotApplicable: false, weight: 1 },
    { title: 'Результативность', description: 'Результаты измерены и подтверждены', scaleMin: 0, scaleMax: 4, descriptors: scale('Результатов нет', 'Результаты подтверждены данными'), allowsNotApplicable: false, weight: 3 },
    { title: 'Тиражируемость', description: 'Другая школа может перенести практику по описанию', scaleMin: 0, scaleMax: 4, descriptors: scale('Перенос невозможен', 'Описаны шаги переноса'), allowsNotApplicable: false, weight: 2 },
    { title: 'Ресурсная обеспеченность', description: 'Названы условия и ресурсы, без которых практика не работает', scaleMin: 0, scaleMax: 4, descriptors: scale('Условия не названы', 'Условия названы по всем категориям'), allowsNotApplicable: true, weight: 1 },
  ],
};

const EXPERTS = ['expert@orbita.demo', 'expert2@orbita.demo', 'expert3@orbita.demo'];

/** [expert index, scores per criterion (null — N/A), comment on results] for each reviewed practice. */
const reviewed: { title: string; reviews: [number, (number | null)[], string][] }[] = [
  {
    title: 'Городской центр информатизации: цифровые технологии в уроке и в управлении школой',
    reviews: [
      [0, [4, 3, 3, 4, 4], 'Результаты подтверждены анкетами и отчётом центра.'],
      [1, [4, 2, 3, 3, null], 'Доля уроков с цифровыми ресурсами выросла заметно; стоит показать влияние на результаты учеников.'],
    ],
  },
  {
    title: 'Школа-лидер и школы-сателлиты: стажировки, совместные уроки и консультации',
    reviews: [
      [1, [4, 3, 4, 3, 3], 'Рост среднего балла ОГЭ подтверждён, план перехода для каждой школы — сильная сторона.'],
      [2, [3, 3, 3, 4, 3], 'Хорошо описан цикл стажировки; перенос возможен в другие муниципалитеты.'],
    ],
  },
];

/**
 * Expert review in the demo (issue 17): the region's rubric and a spring round in which two published practices were
 * reviewed before publication and their composites published, and the gifted-children centre's submitted practice is
 * under review (one expert has submitted). The other practices were never reviewed («Не оценивалась»).
 */
export async function seedDemoPracticeReviews(db: CommandContext['db'], operatorEmail: string) {
  const [operatorUser] = await db.select().from(users).where(eq(users.email, operatorEmail));
  const operator: CommandContext = { db, actor: await loadActor(db, operatorUser), ip: 'seed' };
  const expertUsers = await db.select().from(users).where(inArray(users.email, EXPERTS));
  const experts = await Promise.all(EXPERTS.map((email) => loadActor(db, expertUsers.find((u) => u.email === email)!)));
  await setExpertDirections(operator, experts[0].userId, ['Информатизация образования', 'Работа с одарёнными детьми']);
  await setExpertDirections(operator, experts[1].userId, ['Стажировки учителей', 'Информатизация образования']);
  await setExpertDirections(operator, experts[2].userId, ['Здоровьесберегающее образование', 'Стажировки учителей']);

  const rubric = await createRubric(operator, regionRubric);
  const round = await createRound(operator, { title: 'Весенняя экспертиза практик 2026', rubricId: rubric.id, networkId: null, deadline: '2026-05-29', disagreementThreshold: 25 });
  const practiceByTitle = async (title: string) => {
    const [row] = await db
      .select({ id: practices.id, publishedVersionId: practices.publishedVersionId })
      .from(practices)
      .innerJoin(practiceVersions, eq(practiceVersions.practiceId, practices.id))
      .where(eq(practiceVersions.title, title))
      .limit(1);
    return row;
  };

  for (const demo of reviewed) {
    const practice = await practiceByTitle(demo.title);
    // Reviewed before it was published: the round holds the version that became the published one.
    await db.insert(reviewRoundPractices).values({ roundId: round.id, practiceId: practice.id, versionId: practice.publishedVersionId!, addedBy: operator.actor!.userId });
    for (const [expert, scores, comment] of demo.reviews) {
      const assignment = await assignExpert(operator, round.id, practice.id, experts[expert].userId);
      await saveScores({ db, actor: experts[expert], ip: 'seed' }, assignment.id, {
        scores: rubric.criteria.map((c, i) => ({ criterionId: c.id, score: scores[i], comment: c.title === 'Результативность' ? comment : '' })),
        submit: true,
      });
    }
    await publishComposite(operator, round.id, practice.id);
  }

  const underReview = await practiceByTitle('Сетевые курсы и исследовательские школы для одарённых детей города');
  await addRoundPractice(operator, round.id, underReview.id);
  const first = await assignExpert(operator, round.id, underReview.id, experts[0].userId);
  await assignExpert(operator, round.id, underReview.id, experts[2].userId);
  await saveScores({ db, actor: experts[0], ip: 'seed' }, first.id, {
    scores: rubric.criteria.map((c, i) => ({ criterionId: c.id, score: [4, 3, 4, 3, 2][i], comment: c.title === 'Результативность' ? 'Рост числа призёров подтверждён протоколами олимпиады.' : '' })),
    submit: true,
  });
  return { rounds: 1, reviewed: reviewed.length, underReview: 1 };
}
