import { describe, expect, it } from 'vitest';
import { assignExperts } from './review-assignment';

const practice = (practiceId: string, direction: string, assignedExpertIds: string[] = [], needed = 2) => ({ practiceId, direction, assignedExpertIds, needed });
const noConflicts = () => false;

describe('automatic assignment of experts', () => {
  it('takes experts of the practice direction first, then the least loaded', () => {
    const experts = [
      { id: 'a', directions: ['Здоровьесбережение'], load: 0 },
      { id: 'b', directions: ['Информатизация'], load: 5 },
      { id: 'c', directions: ['Информатизация'], load: 1 },
      { id: 'd', directions: [], load: 0 },
    ];
    const result = assignExperts([practice('p1', 'Информатизация')], experts, noConflicts);
    expect(result.assigned).toEqual([
      { practiceId: 'p1', expertId: 'c' },
      { practiceId: 'p1', expertId: 'b' },
    ]);
    expect(result.unassigned).toEqual([]);
  });

  it('spreads the load across practices as it goes and breaks ties by id', () => {
    const experts = ['e3', 'e1', 'e2', 'e4'].map((id) => ({ id, directions: [], load: 0 }));
    const result = assignExperts([practice('p1', 'X'), practice('p2', 'X')], experts, noConflicts);
    expect(result.assigned.map((a) => `${a.practiceId}:${a.expertId}`)).toEqual(['p1:e1', 'p1:e2', 'p2:e3', 'p2:e4']);
  });

  it('never picks an expert with a conflict of interest or one already on the practice, and says why a practice stays short', () => {
    const experts = [
      { id: 'a', directions: ['X'], load: 0 },
      { id: 'b', directions: ['X'], load: 0 },
      { id: 'c', directions: ['X'], load: 0 },
    ];
    const conflicts = (expertId: string) => expertId === 'b' || expertId === 'c';
    const result = assignExperts([practice('p1', 'X', ['a'], 1), practice('p2', 'X')], experts, conflicts);
    expect(result.assigned).toEqual([{ practiceId: 'p2', expertId: 'a' }]);
    expect(result.unassigned).toEqual([
      { practiceId: 'p1', reason: expect.stringContaining('конфликта интересов') },
      { practiceId: 'p2', reason: expect.stringContaining('нужно ещё 1') },
    ]);
  });

  it('is deterministic: the same input gives the same plan whatever the order of experts', () => {
    const experts = [
      { id: 'x', directions: ['A'], load: 2 },
      { id: 'y', directions: ['A'], load: 2 },
      { id: 'z', directions: ['B'], load: 0 },
    ];
    const one = assignExperts([practice('p', 'A')], experts, noConflicts);
    const two = assignExperts([practice('p', 'A')], [...experts].reverse(), noConflicts);
    expect(one).toEqual(two);
    expect(one.assigned.map((a) => a.expertId)).toEqual(['x', 'y']);
  });
});
