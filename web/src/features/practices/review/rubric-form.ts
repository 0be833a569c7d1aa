import type { Rubric, RubricInput } from './types';

/** The widest scale the editor offers: a descriptor a score is written for each point. */
export const MAX_SCALE_POINTS = 11;

export interface CriterionValues {
  title: string;
  description: string;
  /** '' while the field is empty (NumberInput). */
  scaleMin: number | string;
  scaleMax: number | string;
  /** What each score means, by position on the scale: [0] is scaleMin's descriptor. */
  descriptors: string[];
  allowsNotApplicable: boolean;
  weight: number | string;
}

export interface RubricFormValues {
  title: string;
  networkId: string | null;
  criteria: CriterionValues[];
}

/** Why the rubric cannot be saved, by form field; the words are `practiceReview.rubricProblems.<problem>`. */
export type RubricProblem = 'titleRequired' | 'criteriaRequired' | 'criterionTitleRequired' | 'scaleWhole' | 'scaleOrder' | 'scaleTooWide' | 'weightPositive';

export interface RubricFieldProblem {
  field: string;
  problem: RubricProblem;
}

export function emptyCriterion(): CriterionValues {
  return { title: '', description: '', scaleMin: 0, scaleMax: 3, descriptors: ['', '', '', ''], allowsNotApplicable: false, weight: 1 };
}

export function rubricToValues(rubric: Rubric): RubricFormValues {
  return {
    title: rubric.title,
    networkId: rubric.networkId,
    criteria: rubric.criteria.map((c) => ({
      title: c.title,
      description: c.description,
      scaleMin: c.scaleMin,
      scaleMax: c.scaleMax,
      descriptors: scaleScores(c.scaleMin, c.scaleMax).map((score) => c.descriptors.find((d) => d.score === score)?.text ?? ''),
      allowsNotApplicable: c.allowsNotApplicable,
      weight: c.weight,
    })),
  };
}

const asNumber = (value: number | string): number => (value === '' ? Number.NaN : Number(value));

/** The scores of a scale, lowest first; none while the scale is not a valid one. */
export function scaleScores(min: number | string, max: number | string): number[] {
  const lo = asNumber(min);
  const hi = asNumber(max);
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi <= lo || hi - lo + 1 > MAX_SCALE_POINTS) return [];
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/** The body the server takes: numbers as numbers, descriptors only for scores that have words. */
export function valuesToInput(values: RubricFormValues): RubricInput {
  return {
    title: values.title.trim(),
    networkId: values.networkId,
    criteria: values.criteria.map((c) => ({
      title: c.title.trim(),
      description: c.description.trim(),
      scaleMin: asNumber(c.scaleMin),
      scaleMax: asNumber(c.scaleMax),
      descriptors: scaleScores(c.scaleMin, c.scaleMax)
        .map((score, i) => ({ score, text: (c.descriptors[i] ?? '').trim() }))
        .filter((d) => d.text),
      allowsNotApplicable: c.allowsNotApplicable,
      weight: asNumber(c.weight),
    })),
  };
}

/** The checks the server makes of a rubric, made before sending so each problem shows at its field at once. */
export function rubricProblems(values: RubricFormValues): RubricFieldProblem[] {
  const problems: RubricFieldProblem[] = [];
  if (!values.title.trim()) problems.push({ field: 'title', problem: 'titleRequired' });
  if (values.criteria.length === 0) problems.push({ field: 'criteria', problem: 'criteriaRequired' });
  values.criteria.forEach((c, i) => {
    const at = (name: string) => `criteria.${i}.${name}`;
    if (!c.title.trim()) problems.push({ field: at('title'), problem: 'criterionTitleRequired' });
    const min = asNumber(c.scaleMin);
    const max = asNumber(c.scaleMax);
    if (!Number.isInteger(min)) problems.push({ field: at('scaleMin'), problem: 'scaleWhole' });
    if (!Number.isInteger(max)) problems.push({ field: at('scaleMax'), problem: 'scaleWhole' });
    else if (Number.isInteger(min) && max <= min) problems.push({ field: at('scaleMax'), problem: 'scaleOrder' });
    else if (Number.isInteger(min) && max - min + 1 > MAX_SCALE_POINTS) problems.push({ field: at('scaleMax'), problem: 'scaleTooWide' });
    const weight = asNumber(c.weight);
    if (!Number.isFinite(weight) || weight <= 0) problems.push({ field: at('weight'), problem: 'weightPositive' });
  });
  return problems;
}
