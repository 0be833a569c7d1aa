import { describe, expect, it } from 'vitest';
import { launchPathStatus } from './launch-path';
import type { LaunchStep } from './schema';

const none = { councilFormed: false, agreementSigned: false, regulationSigned: false, planHasItems: false, launched: false };

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
    expect(ready.steps.find((s) => s.step === 'inventory')).toMatchObject({ done: true, source: 'manual', detail: 'Паспорт ресурсов собран' });
    const launched = launchPathStatus({ ...none, councilFormed: true, agreementSigned: true, regulationSigned: true, planHasItems: true, launched: true }, marks);
    expect(launched).toMatchObject({ canLaunch: false, current: null, completed: 8 });
  });

  it('does not allow the launch while one earlier step is missing', () => {
    const marks = new Map<LaunchStep, string>([['inventory', ''], ['educational_map', ''], ['information', '']]);
    expect(launchPathStatus({ ...none, councilFormed: true, agreementSigned: true, planHasItems: true }, marks)).toMatchObject({ canLaunch: false, current: 'regulation' });
  });
});
