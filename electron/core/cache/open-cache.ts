// Opens the local cache (better-sqlite3): pragmas, an integrity check and migrations. A corrupt file or one from
// a newer program is refused with CacheOpenError, never replaced.
import Database from 'better-sqlite3';
import { CacheOpenError } from './cache-open-error.js';
import { migrate, refuseNewerSchema } from './migrate.js';
import { LATEST_SCHEMA_VERSION } from './migrations/all-migrations.js';
import { SQLITE_COMPANION_SUFFIXES, createOwnerOnlyFile, restrictToOwner } from '../../../shared/node/owner-only-files.js';

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
    `Файл локальной базы повреждён (${file}). Программа его не трогает: сохраните копию и обратитесь в поддержку. ` +
      `Начать с пустой базой можно, запустив программу с ключом ${START_FRESH_FLAG} (файл будет отложен рядом ` +
      'с отметкой времени, не удалён; неотправленные решения из него на сервер не попадут).',
    { cause },
  );
}

/** The explicit way to start over when the cache is refused (the shell passes it on as startFreshCache). */
export const START_FRESH_FLAG = '--start-fresh-cache';

export function openCache(file: string, options: OpenCacheOptions = {}): CacheDb {
  let db: CacheDb | undefined;
  try {
    // Created 0600 before SQLite opens it: SQLite would create it 0644 (less the umask), and gives -wal and -shm the
    // database file's own mode when it creates them.
    createOwnerOnlyFile(file);
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
    // A cache written by an older program may still have 0644 companions.
    restrictToOwner(SQLITE_COMPANION_SUFFIXES.map((suffix) => file + suffix));
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof CacheOpenError) throw error;
    if (isCorruptionError(error)) throw corrupt(file, error);
    throw error;
  }
}
