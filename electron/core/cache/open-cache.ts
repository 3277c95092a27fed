// Opens the local cache (better-sqlite3): pragmas, an integrity check and migrations. A corrupt file or one from
// a newer program is refused with CacheOpenError, never replaced.
import Database from 'better-sqlite3';
import { CacheOpenError } from './cache-open-error.js';
import { migrate, refuseNewerSchema } from './migrate.js';
import { LATEST_SCHEMA_VERSION } from './migrations/all-migrations.js';

export type CacheDb = Database.Database;

export interface OpenCacheOptions {
  /** Stop at this schema version (tests of one migration); default: the newest. */
  upToVersion?: number;
}

function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT_VTAB';
}

function corrupt(file: string, cause: unknown): CacheOpenError {
  return new CacheOpenError(
    'cache_corrupt',
    `Файл локальной базы повреждён (${file}). Программа его не трогает: сохраните копию и обратитесь в поддержку.`,
    { cause },
  );
}

export function openCache(file: string, options: OpenCacheOptions = {}): CacheDb {
  let db: CacheDb | undefined;
  try {
    db = new Database(file);
    // Refuse a newer schema before any pragma below rewrites the file header (journal mode lives there).
    refuseNewerSchema(db, LATEST_SCHEMA_VERSION);
    // WAL: the UI reads while the sync engine writes. synchronous=FULL: an outbox row is a decision the operator
    // saw accepted; losing the last commits on power loss (the NORMAL risk) is worse than one fsync per key press.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check(1)', { simple: true });
    if (check !== 'ok') throw corrupt(file, new Error(String(check)));
    migrate(db, undefined, options.upToVersion);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof CacheOpenError) throw error;
    if (isCorruptionError(error)) throw corrupt(file, error);
    throw error;
  }
}
