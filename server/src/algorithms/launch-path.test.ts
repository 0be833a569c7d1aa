import { describe, expect, it } from 'vitest';
import { type LaunchEvidence, type PathStep, PathRefusal, adaptPath, addableSteps, describePathChange, launchPathStatus, templatePath } from './launch-path';

const none: LaunchEvidence = {
  kind: 'district',
  launched: false,
  councilFormed: false,
  activeMembers: 5,
  inventory: { members: 5, recorded: 0 },
  agreements: [],
  annexRequired: false,
  districtRegulationSigned: false,
  planItems: 0,
  roadmapItems: 0,
  managingOrganizationId: 'leader',
  baseSchool: null,
  leaderOffers: 0,
  satellites: { ids: [], withNeeds: 0 },
};
const keys = (path: PathStep[]) => path.map((s) => s.key);
const stepOf = (status: ReturnType<typeof launchPathStatus>, key: string) => status.steps.find((s) => s.step === key);

describe('templates per kind of network', () => {
  it('gives the district the path of seed 001, the partnership that of seed 002, and alliances and associations a light path without a launch gate', () => {
    expect(keys(templatePath('district'))).toEqual(['council', 'agreement', 'regulation', 'inventory', 'educational_map', 'information', 'plan', 'launch']);
    expect(keys(templatePath('partnership'))).toEqual(['leader_strengths', 'satellite_needs', 'roadmap', 'agreement', 'launch', 'joint_events', 'practice_transfer', 'reflective_evaluation']);
    for (const kind of ['alliance', 'association', 'local_alliance'] as const) {
      expect(keys(templatePath(kind))).toEqual(['members', 'inventory', 'plan', 'information']);
      const status = launchPathStatus(templatePath(kind), { ...none, kind }, new Map());
      expect(status).toMatchObject({ gated: false, canLaunch: false });
    }
  });
});

describe('the district path', () => {
  const path = templatePath('district');
  it('starts at the council and cannot launch an empty network', () => {
    const status = launchPathStatus(path, none, new Map());
    expect(status).toMatchObject({ current: 'council', completed: 0, canLaunch: false, gated: true });
    expect(status.steps.filter((s) => s.markable).map((s) => s.step)).toEqual(['inventory', 'educational_map', 'information']);
  });

  it('completes data steps from evidence and manual steps from marks, and then allows the launch', () => {
    const marks = new Map([['inventory', 'Паспорт ресурсов собран'], ['educational_map', ''], ['information', 'Сайт округа']]);
    const evidence = { ...none, councilFormed: true, agreements: [{ parties: null, planAnnex: null }], districtRegulationSigned: true, planItems: 3 };
    const ready = launchPathStatus(path, evidence, marks);
    expect(ready).toMatchObject({ canLaunch: true, current: 'launch' });
    expect(stepOf(ready, 'inventory')).toMatchObject({ done: true, source: 'manual', detail: 'Паспорт ресурсов собран. Ресурсы и потребности описали 0 из 5 участников' });
    expect(launchPathStatus(path, { ...evidence, launched: true }, marks)).toMatchObject({ canLaunch: false, current: null, completed: 8 });
    // Only a base school manages a district: without the register's entry the launch waits, and says why.
    const notBase = launchPathStatus(path, { ...evidence, baseSchool: false }, marks);
    expect(notBase.canLaunch).toBe(false);
    expect(stepOf(notBase, 'launch')!.detail).toBe('Запуск возможен, когда координирующая школа внесена в реестр базовых школ приказом органа управления образованием');
  });

  it('takes only the district regulation for the regulation step, and does not let it be marked by hand', () => {
    const marks = new Map([['inventory', ''], ['educational_map', ''], ['information', ''], ['regulation', 'Положение о совете подписано']]);
    const status = launchPathStatus(path, { ...none, councilFormed: true, agreements: [{ parties: null, planAnnex: null }], planItems: 1 }, marks);
    expect(stepOf(status, 'regulation')).toMatchObject({ done: false, markable: false, detail: 'Положение о школьном округе ещё не подписано всеми участниками' });
    expect(status).toMatchObject({ canLaunch: false, current: 'regulation' });
  });

  it('completes the inventory from data once every active member has described its resources or needs, and counts them meanwhile', () => {
    const inventoryOf = (members: number, recorded: number, marks = new Map<string, string>()) => stepOf(launchPathStatus(path, { ...none, inventory: { members, recorded } }, marks), 'inventory');
    expect(inventoryOf(5, 3)).toEqual({ step: 'inventory', done: false, source: null, detail: 'Ресурсы и потребности описали 3 из 5 участников', markable: true });
    expect(inventoryOf(5, 5)).toMatchObject({ done: true, source: 'data', detail: 'Ресурсы и потребности описали 5 из 5 участников' });
    expect(inventoryOf(21, 20)?.detail).toBe('Ресурсы и потребности описали 20 из 21 участника');
    expect(inventoryOf(5, 3, new Map([['inventory', '']]))).toMatchObject({ done: true, source: 'manual', detail: 'Ресурсы и потребности описали 3 из 5 участников' });
    expect(inventoryOf(5, 5, new Map([['inventory', 'Паспорт ресурсов собран']]))).toMatchObject({ done: true, source: 'data' });
    expect(inventoryOf(0, 0)).toMatchObject({ done: false, source: null });
  });

  it('needs an agreement of all members (a bilateral one binds two organisations, not the district)', () => {
    expect(stepOf(launchPathStatus(path, { ...none, agreements: [{ parties: ['a', 'b'], planAnnex: null }] }, new Map()), 'agreement')).toMatchObject({ done: false });
    expect(stepOf(launchPathStatus(path, { ...none, agreements: [{ parties: null, planAnnex: null }] }, new Map()), 'agreement')).toMatchObject({ done: true, source: 'data' });
  });
});

describe('the partnership path', () => {
  const path = templatePath('partnership');
  const partnership: LaunchEvidence = { ...none, kind: 'partnership', satellites: { ids: ['s1', 's2'], withNeeds: 0 } };

  it('walks the leader’s strengths, the satellites’ needs, the roadmap and an agreement with each satellite before the launch', () => {
    let status = launchPathStatus(path, partnership, new Map());
    expect(status).toMatchObject({ current: 'leader_strengths', canLaunch: false });
    expect(stepOf(status, 'satellite_needs')).toMatchObject({ done: false, detail: 'Потребности описали 0 из 2 школ-спутников', markable: true });
    const evidence = { ...partnership, leaderOffers: 3, satellites: { ids: ['s1', 's2'], withNeeds: 2 }, roadmapItems: 4, agreements: [{ parties: ['leader', 's1'], planAnnex: null }] };
    status = launchPathStatus(path, evidence, new Map());
    expect(stepOf(status, 'leader_strengths')).toMatchObject({ done: true, source: 'data', detail: 'Школа-лидер описала ресурсы: 3' });
    expect(stepOf(status, 'roadmap')).toMatchObject({ done: true, source: 'data' });
    expect(stepOf(status, 'agreement')).toMatchObject({ done: false, detail: 'Соглашения подписаны с 1 из 2 школ-спутников' });
    expect(status).toMatchObject({ current: 'agreement', canLaunch: false });
    // An agreement between two satellites is not the leader's agreement with them.
    status = launchPathStatus(path, { ...evidence, agreements: [...evidence.agreements, { parties: ['s1', 's2'], planAnnex: null }] }, new Map());
    expect(stepOf(status, 'agreement')).toMatchObject({ done: false });
    status = launchPathStatus(path, { ...evidence, agreements: [...evidence.agreements, { parties: ['leader', 's2'], planAnnex: null }] }, new Map());
    expect(status).toMatchObject({ current: 'launch', canLaunch: true });
    // After the launch the partnership's work steps are the coordinator's to mark.
    status = launchPathStatus(path, { ...evidence, launched: true }, new Map([['joint_events', 'Стажировки проведены']]));
    expect(status.steps.slice(5).map((s) => [s.step, s.done, s.markable])).toEqual([
      ['joint_events', true, true],
      ['practice_transfer', false, true],
      ['reflective_evaluation', false, true],
    ]);
  });

  it('asks for the joint plan as annex once documents carry annexes: an agreement without one does not count', () => {
    const evidence = { ...partnership, annexRequired: true, agreements: [{ parties: null, planAnnex: false }] };
    expect(stepOf(launchPathStatus(path, evidence, new Map()), 'agreement')).toMatchObject({ done: false, detail: 'Соглашения подписаны с 0 из 2 школ-спутников. Соглашение без действующего плана совместных действий в приложении не засчитывается' });
    expect(stepOf(launchPathStatus(path, { ...evidence, agreements: [{ parties: null, planAnnex: true }] }, new Map()), 'agreement')).toMatchObject({ done: true });
  });

  it('has no satellites to ask in an empty partnership', () => {
    expect(stepOf(launchPathStatus(path, { ...partnership, satellites: { ids: [], withNeeds: 0 } }, new Map()), 'satellite_needs')).toMatchObject({ done: false, detail: 'В партнёрстве пока нет школ-спутников' });
  });
});

describe('a coordinator adapts the path', () => {
  const district = templatePath('district');
  let n = 0;
  const newKey = () => `custom-0000000${++n}`;

  it('adds a catalogue step and a step of their own, drops and reorders, and the change says so', () => {
    const proposed = [{ key: 'council' }, { key: 'regulation' }, { key: 'agreement' }, { key: 'inventory' }, { title: '  Педсовет округа ' }, { key: 'plan' }, { key: 'launch' }, { key: 'reflective_evaluation' }];
    const next = adaptPath(district, proposed, false, newKey);
    expect(next[4]).toEqual({ key: 'custom-00000001', title: 'Педсовет округа' });
    const changes = describePathChange(district, next);
    expect(changes).toEqual([
      { change: 'removed', key: 'educational_map' },
      { change: 'removed', key: 'information' },
      { change: 'added', key: 'custom-00000001', title: 'Педсовет округа', position: 5 },
      { change: 'added', key: 'reflective_evaluation', position: 8 },
      { change: 'moved', key: 'agreement', from: 2, to: 3 },
    ]);
    // A step of their own keeps its key when renamed and kept.
    const renamed = adaptPath(next, next.map((s) => (s.key === 'custom-00000001' ? { key: s.key, title: 'Совместный педсовет' } : s)), false, newKey);
    expect(describePathChange(next, renamed)).toEqual([{ change: 'renamed', key: 'custom-00000001', from: 'Педсовет округа', to: 'Совместный педсовет' }]);
    expect(addableSteps(next)).not.toContain('council');
    expect(addableSteps(next)).toContain('educational_map');
  });

  it('moves the launch gate: a step put after the launch no longer holds it', () => {
    const moved = adaptPath(district, [...district.filter((s) => s.key !== 'information'), { key: 'information' }], false, newKey);
    const marks = new Map([['inventory', ''], ['educational_map', '']]);
    const status = launchPathStatus(moved, { ...none, councilFormed: true, agreements: [{ parties: null, planAnnex: null }], districtRegulationSigned: true, planItems: 1 }, marks);
    expect(status).toMatchObject({ canLaunch: true, current: 'launch' });
    // Adding the launch step to a light path gives it a gate.
    const gated = adaptPath(templatePath('alliance'), [...templatePath('alliance'), { key: 'launch' }], false, newKey);
    expect(launchPathStatus(gated, { ...none, kind: 'alliance' }, new Map())).toMatchObject({ gated: true });
  });

  it('refuses an empty path, a step twice, an unknown step, a nameless new step, and dropping the launch of a launched network', () => {
    const refusal = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof PathRefusal ? error.title : String(error);
      }
      return null;
    };
    expect(refusal(() => adaptPath(district, [], false, newKey))).toBe('Путь не может быть пустым');
    expect(refusal(() => adaptPath(district, [{ key: 'plan' }, { key: 'plan' }], false, newKey))).toBe('Шаг повторяется');
    expect(refusal(() => adaptPath(district, [{ key: 'custom-deadbeef' }], false, newKey))).toBe('Неизвестный шаг');
    expect(refusal(() => adaptPath(district, [{ title: '   ' }], false, newKey))).toBe('У нового шага нет названия');
    expect(refusal(() => adaptPath(district, Array.from({ length: 21 }, () => ({ title: 'Шаг' })), false, newKey))).toBe('Слишком много шагов');
    expect(refusal(() => adaptPath(district, [{ key: 'council' }], true, newKey))).toBe('Шаг запуска убрать нельзя');
    expect(refusal(() => adaptPath(district, [{ key: 'council' }], false, newKey))).toBeNull();
  });

  it('names exactly the moved steps: a reversal of four steps moves three', () => {
    const before = ['a', 'b', 'c', 'd'].map((key) => ({ key }));
    const after = [...before].reverse();
    expect(describePathChange(before, after).filter((c) => c.change === 'moved')).toHaveLength(3);
    expect(describePathChange(before, before)).toEqual([]);
  });
});
