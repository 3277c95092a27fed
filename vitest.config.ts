import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two files at once even on a 2-core machine (vitest's default there is one): most node tests wait on sockets,
    // timers and PostgreSQL rather than compute, and one at a time took the unit and node stages 634 s of CI's
    // 20 minutes (450 s with two). No test asserts wall-clock time, so sharing the cores changes no verdict.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'node', include: ['tests/node/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 30_000,
          // One throw-away PostgreSQL cluster for the project; test files get their databases via freshDatabaseUrl().
          globalSetup: ['tests/node/postgres-global-setup.ts'], setupFiles: ['tests/node/temp-dirs-setup.ts'],
        },
      },
      {
        // The server's contract and behaviour tests once more, on PostgreSQL (server-fixture.ts picks the engine):
        // both engines must pass the same tests. Files about one engine's own files and schema stay in `node`.
        test: {
          name: 'node-postgres', include: ['tests/node/server/**/*.test.ts'],
          exclude: ['tests/node/server/store-files.test.ts', 'tests/node/server/store-migrations.test.ts',
            'tests/node/server/postgres-*.test.ts', 'tests/node/server/change-feed-order.test.ts',
            'tests/node/server/team-hold-registry.test.ts', 'tests/node/server/login-rate-limit.test.ts',
            'tests/node/server/cli.test.ts'],
          env: { TRIAGE_DESK_TEST_ENGINE: 'postgres' },
          environment: 'node', testTimeout: 30_000, hookTimeout: 30_000,
          globalSetup: ['tests/node/postgres-global-setup.ts'], setupFiles: ['tests/node/temp-dirs-setup.ts'],
        },
      },
    ],
  },
});
