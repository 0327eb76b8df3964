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
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
