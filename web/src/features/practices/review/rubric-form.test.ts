import { describe, expect, it } from 'vitest';
import { emptyCriterion, rubricProblems, rubricToValues, scaleScores, valuesToInput, type RubricFormValues } from './rubric-form';

const valid = (): RubricFormValues => ({ title: 'Рубрика практик', networkId: null, criteria: [{ ...emptyCriterion(), title: 'Новизна' }] });

describe('the rubric form', () => {
  it('finds nothing wrong with a complete rubric', () => {
    expect(rubricProblems(valid())).toEqual([]);
  });

  it('asks for a title and at least one criterion', () => {
    expect(rubricProblems({ title: '  ', networkId: null, criteria: [] })).toEqual([
      { field: 'title', problem: 'titleRequired' },
      { field: 'criteria', problem: 'criteriaRequired' },
    ]);
  });

  it('puts each criterion’s problem at its own field', () => {
    const values = valid();
    values.criteria.push({ ...emptyCriterion(), title: '', weight: 0 }, { ...emptyCriterion(), title: 'Шкала', scaleMin: 3, scaleMax: 3, weight: '' });
    expect(rubricProblems(values)).toEqual([
      { field: 'criteria.1.title', problem: 'criterionTitleRequired' },
      { field: 'criteria.1.weight', problem: 'weightPositive' },
      { field: 'criteria.2.scaleMax', problem: 'scaleOrder' },
      { field: 'criteria.2.weight', problem: 'weightPositive' },
    ]);
  });

  it('takes whole scales only, and not wider than the editor shows', () => {
    const values = valid();
    values.criteria[0] = { ...values.criteria[0], scaleMin: 0.5, scaleMax: '' };
    expect(rubricProblems(values).map((p) => `${p.field} ${p.problem}`)).toEqual(['criteria.0.scaleMin scaleWhole', 'criteria.0.scaleMax scaleWhole']);
    values.criteria[0] = { ...values.criteria[0], scaleMin: 0, scaleMax: 11 };
    expect(rubricProblems(values)).toEqual([{ field: 'criteria.0.scaleMax', problem: 'scaleTooWide' }]);
    expect(scaleScores(0, 10)).toHaveLength(11);
    expect(scaleScores(2, 1)).toEqual([]);
  });

  it('sends numbers and only the descriptors that have words, and reads a saved rubric back the same', () => {
    const values = valid();
    values.criteria[0] = { ...values.criteria[0], scaleMin: '1', scaleMax: 3, descriptors: [' нет ', '', 'полностью'], weight: '2.5' };
    const input = valuesToInput(values);
    expect(input.criteria[0]).toMatchObject({ scaleMin: 1, scaleMax: 3, weight: 2.5, descriptors: [{ score: 1, text: 'нет' }, { score: 3, text: 'полностью' }] });
    const back = rubricToValues({ ...input, id: 'r', version: 1, createdAt: '', usedByRounds: 0, criteria: input.criteria.map((c, i) => ({ ...c, id: String(i) })) });
    expect(back.criteria[0].descriptors).toEqual(['нет', '', 'полностью']);
  });
});
