// Applies numbered migrations in order, each in its own transaction, with PRAGMA user_version as the version.
import type { Database } from 'better-sqlite3';
import { CacheOpenError } from './cache-open-error.js';
import type { Migration } from './migrations/migration.js';
import { MIGRATIONS, newestVersion } from './migrations/all-migrations.js';

export function schemaVersionOf(db: Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Returns the schema version, or throws cache_too_new when it is above what this program knows. */
export function refuseNewerSchema(db: Database, newest: number): number {
  const current = schemaVersionOf(db);
  if (current > newest) {
    throw new CacheOpenError(
      'cache_too_new',
      `База данных создана более новой версией программы (схема ${current}, поддерживается ${newest}). ` +
        'Обновите программу; файл оставлен без изменений.',
    );
  }
  return current;
}

/**
 * Test seam for the crash suite: TRIAGE_DESK_TEST_HOLD_MIGRATION=<version> makes that migration announce itself on
 * stderr and hold its transaction open, so a SIGKILL can be aimed inside it. Unset in the app.
 */
function holdOpenForCrashTests(version: number): void {
  if (Number(process.env.TRIAGE_DESK_TEST_HOLD_MIGRATION) !== version) return;
  process.stderr.write(`MIGRATING ${version}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
}

/** Brings the database up to `upTo` (default: newest); refuses a database from a newer program. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, upTo = newestVersion(migrations)): number {
  const current = refuseNewerSchema(db, newestVersion(migrations));
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > upTo) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      migration.data?.(db);
      holdOpenForCrashTests(migration.version);
      // user_version is part of the database header and commits with the transaction.
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersionOf(db);
}
