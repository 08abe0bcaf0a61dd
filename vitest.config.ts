import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // DuckDB files and a browser per worker: two cores, so keep the pool small.
    maxWorkers: 2,
    env: { DOTENV_CONFIG_QUIET: 'true' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Builds dist/web when it is missing or older than the sources, for the browser tests.
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
