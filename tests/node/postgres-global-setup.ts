// vitest globalSetup of the `node` project: one throw-away PostgreSQL cluster for all its test files (or the server
// named by TRIAGE_DESK_TEST_DATABASE_URL), whose admin URL reaches the tests through provide/inject; each test file
// takes its own empty database from it with freshDatabaseUrl() (postgres-test-db.ts). Stopped after the run.
import type { TestProject } from 'vitest/node';
import { startThrowawayCluster } from '../../scripts/postgres/throwaway-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test cluster's `postgres` database; '' when PostgreSQL could not be started. */
    postgresAdminUrl: string;
    /** Prefix for database names, so that on an external server the teardown drops exactly this run's databases. */
    postgresDatabasePrefix: string;
    /** Why there is no cluster, or ''. */
    postgresUnavailable: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    const cluster = await startThrowawayCluster();
    project.provide('postgresAdminUrl', cluster.url);
    project.provide('postgresDatabasePrefix', cluster.databasePrefix);
    project.provide('postgresUnavailable', '');
    return () => cluster.stop();
  } catch (error) {
    // Not thrown here: that would fail every test of the project, most of which never touch PostgreSQL. The tests
    // that need it fail with this message from freshDatabaseUrl() instead.
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(`postgres-global-setup: no PostgreSQL for the tests: ${reason}`);
    project.provide('postgresAdminUrl', '');
    project.provide('postgresDatabasePrefix', '');
    project.provide('postgresUnavailable', reason);
    return async () => {};
  }
}
