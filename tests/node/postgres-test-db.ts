// For test files of the `node` project: a fresh empty PostgreSQL database of their own on the run's shared cluster
// (started by postgres-global-setup.ts). Databases are not dropped one by one: the cluster goes away whole.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrl, quoteIdent } from '../../scripts/postgres/throwaway-cluster.js';
import type {} from './postgres-global-setup.js';

export async function freshDatabaseUrl(): Promise<string> {
  const adminUrl = inject('postgresAdminUrl');
  if (!adminUrl) throw new Error(`no PostgreSQL for the tests: ${inject('postgresUnavailable') || 'postgres-global-setup.ts did not run'}`);
  const name = inject('postgresDatabasePrefix') + randomBytes(6).toString('hex');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(adminUrl, name);
}
