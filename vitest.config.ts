import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'node', include: ['tests/node/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 30_000,
          // One throw-away PostgreSQL cluster for the project; test files get their databases via freshDatabaseUrl().
          globalSetup: ['tests/node/postgres-global-setup.ts'],
        },
      },
    ],
  },
});
