import { describe, expect, it } from 'vitest';
import { launchPathStatus } from './launch-path';
import type { LaunchStep } from './schema';

const none = { councilFormed: false, agreementSigned: false, regulationSigned: false, planHasItems: false, launched: false, inventory: { members: 5, recorded: 0 } };

describe('launchPathStatus', () => {
  it('starts at the council and cannot launch an empty network', () => {
    const status = launchPathStatus(none, new Map());
    expect(status.current).toBe('council');
    expect(status.completed).toBe(0);
    expect(status.canLaunch).toBe(false);
    expect(status.steps.filter((s) => s.markable).map((s) => s.step)).toEqual(['inventory', 'educational_map', 'information']);
  });

  it('completes data steps from evidence and manual steps from marks, and then allows the launch', () => {
    const marks = new Map<LaunchStep, string>([['inventory', 'Паспорт ресурсов собран'], ['educational_map', ''], ['information', 'Сайт округа']]);
    const ready = launchPathStatus({ ...none, councilFormed: true, agreementSigned: true, regulationSigned: true, planHasItems: true }, marks);
    expect(ready.canLaunch).toBe(true);
    expect(ready.current).toBe('launch');
    expect(ready.steps.find((s) => s.step === 'inventory')).toMatchObject({ done: true, source: 'manual', detail: 'Паспорт ресурсов собран. Ресурсы и потребности описали 0 из 5 участников' });
    const launched = launchPathStatus({ ...none, councilFormed: true, agreementSigned: true, regulationSigned: true, planHasItems: true, launched: true }, marks);
    expect(launched).toMatchObject({ canLaunch: false, current: null, completed: 8 });
  });

  it('does not allow the launch while one earlier step is missing', () => {
    const marks = new Map<LaunchStep, string>([['inventory', ''], ['educational_map', ''], ['information', '']]);
    expect(launchPathStatus({ ...none, councilFormed: true, agreementSigned: true, planHasItems: true }, marks)).toMatchObject({ canLaunch: false, current: 'regulation' });
  });

  it('completes the inventory from data once every active member has described its resources or needs, and counts them meanwhile', () => {
    const inventoryOf = (members: number, recorded: number, marks = new Map<LaunchStep, string>()) =>
      launchPathStatus({ ...none, inventory: { members, recorded } }, marks).steps.find((s) => s.step === 'inventory');
    expect(inventoryOf(5, 3)).toEqual({ step: 'inventory', done: false, source: null, detail: 'Ресурсы и потребности описали 3 из 5 участников', markable: true });
    expect(inventoryOf(5, 5)).toMatchObject({ done: true, source: 'data', detail: 'Ресурсы и потребности описали 5 из 5 участников', markable: true });
    expect(inventoryOf(21, 20)?.detail).toBe('Ресурсы и потребности описали 20 из 21 участника');
    // Marked by hand it is done before the data catches up; the count still shows.
    expect(inventoryOf(5, 3, new Map([['inventory', '']]))).toMatchObject({ done: true, source: 'manual', detail: 'Ресурсы и потребности описали 3 из 5 участников' });
    expect(inventoryOf(5, 5, new Map([['inventory', 'Паспорт ресурсов собран']]))).toMatchObject({ done: true, source: 'data' });
    // A network without active members proves nothing.
    expect(inventoryOf(0, 0)).toMatchObject({ done: false, source: null });
  });
});
