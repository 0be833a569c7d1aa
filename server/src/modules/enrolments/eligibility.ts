import { Problem } from '../../platform/problem';
import { type ChildRow, consentRequired } from '../families/access';
import { ageOn } from '../families/child-fields';
import type { programmes } from '../programmes/schema';

type Range = { from: number | null; to: number | null };
type ProgrammeRanges = Pick<typeof programmes.$inferSelect, 'gradeFrom' | 'gradeTo' | 'ageFrom' | 'ageTo'>;

const limited = (range: Range) => range.from !== null || range.to !== null;
const within = (value: number, range: Range) => (range.from === null || value >= range.from) && (range.to === null || value <= range.to);

/** «для 5–9 классов», «для учеников с 5 класса», «для учеников до 9 класса». */
function forGrades(range: Range): string {
  if (range.from !== null && range.to !== null) return range.from === range.to ? `для ${range.from} класса` : `для ${range.from}–${range.to} классов`;
  return range.from !== null ? `для учеников с ${range.from} класса` : `для учеников до ${range.to} класса`;
}

/** «для детей 7–12 лет», «для детей от 7 лет», «для детей до 12 лет». */
function forAges(range: Range): string {
  if (range.from !== null && range.to !== null) return `для детей ${range.from}–${range.to} лет`;
  return range.from !== null ? `для детей от ${range.from} лет` : `для детей до ${range.to} лет`;
}

/**
 * Why the child may not join the programme, in words for the parent, or null when they may. Every
 * limit the programme sets and the child's card lets us check must hold (a grade range against the
 * grade, an age range against the age on `day`); a limit nothing on the card can check is a reason
 * too, so the parent knows what to add.
 */
export function ineligibility(programme: ProgrammeRanges, child: Pick<ChildRow, 'grade' | 'birthDate'>, day: string): string | null {
  const grades = { from: programme.gradeFrom, to: programme.gradeTo };
  const ages = { from: programme.ageFrom, to: programme.ageTo };
  const gradeChecked = limited(grades) && child.grade !== null;
  const ageChecked = limited(ages) && child.birthDate !== null;
  if (gradeChecked && !within(child.grade!, grades)) return `Программа ${forGrades(grades)}, а ребёнок учится в ${child.grade} классе.`;
  if (ageChecked) {
    const age = ageOn(child.birthDate!, day);
    if (!within(age, ages)) return `Программа ${forAges(ages)}, а ребёнку на начало занятий полных лет: ${age}.`;
  }
  if (gradeChecked || ageChecked || (!limited(grades) && !limited(ages))) return null;
  return limited(grades)
    ? `Программа ${forGrades(grades)}: укажите класс ребёнка в его карточке.`
    : `Программа ${forAges(ages)}: укажите дату рождения ребёнка в его карточке.`;
}

/** The sentence a consent refusal starts with: what the consent is needed for. */
export const CONSENT_PURPOSE = 'Чтобы записать ребёнка';

type ProgrammeTerms = ProgrammeRanges & Pick<typeof programmes.$inferSelect, 'title' | 'state' | 'enrolmentMode' | 'startsOn' | 'endsOn'>;

/**
 * Every reason the child may not be enrolled in the programme now, as the refusals the enrolment command
 * answers with, in the order it gives them: closed, campaign-only, over, no consent, not fitting the
 * child. Empty when nothing stands in the way (seats and an existing place are for the command to judge).
 * The enrolment command and the per-child answer of the programme page both use it, so they cannot disagree.
 */
export function enrolmentRefusals(programme: ProgrammeTerms, child: Pick<ChildRow, 'id' | 'grade' | 'birthDate'>, facts: { consent: boolean; today: string }): Problem[] {
  const { today } = facts;
  const refusals: Problem[] = [];
  if (programme.state !== 'published') {
    refusals.push(new Problem(409, 'Запись закрыта', `Программа «${programme.title}» в архиве: запись на неё закрыта.`, { code: 'programme_closed' }));
  } else if (programme.enrolmentMode === 'campaign') {
    refusals.push(
      new Problem(409, 'Запись через кампанию', `Места в программе «${programme.title}» распределяются в кампании выбора: расставьте программы по предпочтению в разделе «Кампании».`, {
        code: 'campaign_only',
      }),
    );
  } else if (programme.endsOn < today) {
    refusals.push(
      new Problem(409, 'Программа закончилась', `Занятия программы «${programme.title}» закончились ${programme.endsOn.split('-').reverse().join('.')}: записаться на неё уже нельзя.`, {
        code: 'programme_over',
      }),
    );
  }
  if (!facts.consent) refusals.push(consentRequired(child.id, CONSENT_PURPOSE));
  // Age is judged on the first day of classes, or today once they have begun.
  const why = ineligibility(programme, child, programme.startsOn > today ? programme.startsOn : today);
  if (why) refusals.push(new Problem(422, 'Программа не подходит ребёнку', why, { code: 'not_eligible' }));
  return refusals;
}
