import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('configuration', () => {
  it('limits sign-in attempts to 10 a minute unless the operator sets another whole number', () => {
    expect(loadConfig({}).signInLimitPerMinute).toBe(10);
    expect(loadConfig({ ORBITA_SIGN_IN_LIMIT: '300' }).signInLimitPerMinute).toBe(300);
    expect(() => loadConfig({ ORBITA_SIGN_IN_LIMIT: 'много' })).toThrow('ORBITA_SIGN_IN_LIMIT: нужно целое число не меньше 1, а задано «много»');
    expect(() => loadConfig({ ORBITA_SIGN_IN_LIMIT: '0' })).toThrow('ORBITA_SIGN_IN_LIMIT');
  });

  it('runs one server process a core unless ORBITA_WORKERS says how many', () => {
    expect(loadConfig({}).workers).toBe(availableParallelism());
    expect(loadConfig({ ORBITA_WORKERS: '3' }).workers).toBe(3);
    expect(() => loadConfig({ ORBITA_WORKERS: '0' })).toThrow('ORBITA_WORKERS: нужно целое число не меньше 1, а задано «0»');
  });
});
