import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'web/**/*.test.ts'],
    testTimeout: 30_000,
    // Seven suites seed the whole demo region before their tests: 20–30 s on an idle 2-core machine, over 60 s when it is busy.
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
