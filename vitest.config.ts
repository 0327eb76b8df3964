import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@tongban/source'] },
  ssr: { resolve: { conditions: ['@tongban/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'packages/*/e2e/**/*.test.ts',
      'test/**/*.test.ts',
      'examples/**/*.test.ts',
    ],
    testTimeout: 120_000,
    // expect.poll's own default (1 s) is shorter than what a loaded 2-core CI machine needs for a
    // browser to repaint or the designer to autosave (a 1 s pause, then idle time); a poll that
    // fails waits this long first, so it only ever costs time on a real failure.
    expect: { poll: { timeout: 30_000, interval: 100 } },
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
