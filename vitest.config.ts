import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // DuckDB files and a browser per worker: two cores, so keep the pool small.
    maxWorkers: 2,
    env: { DOTENV_CONFIG_QUIET: 'true' },
    // Builds dist/web when it is missing or older than the sources, for the browser tests.
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
