// The cache as one object: the database file in the data folder plus a typed store per table. A cache that should
// exist (a session token is stored) but is missing, empty or not a database is refused, never silently replaced;
// only an explicit start-fresh sets the old file aside (renamed with a timestamp, never deleted) and starts over.
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SyncLog } from '../sync-log.js';
import { CacheOpenError } from './cache-open-error.js';
import { AppealRowStore } from './appeal-rows.js';
import { AppealStore } from './appeal-store.js';
import { ConflictStore } from './conflict-store.js';
import { MetaStore } from './meta-store.js';
import { START_FRESH_FLAG, openCache, type CacheDb } from './open-cache.js';
import { SQLITE_COMPANION_SUFFIXES } from '../../../shared/node/owner-only-files.js';
import { OutboxStore } from './outbox-store.js';
import { SavedViewStore } from './saved-view-store.js';
import { SearchIndexWriter } from './search-index.js';
import { SearchStore } from './search-store.js';
import { TargetStore } from './target-store.js';

export const CACHE_FILE_NAME = 'cache.sqlite';

export interface LocalCache {
  db: CacheDb;
  appeals: AppealStore;
  outbox: OutboxStore;
  conflicts: ConflictStore;
  targets: TargetStore;
  meta: MetaStore;
  /** Grid rows for a window of ids; waiting ids in inbox order. */
  rows: AppealRowStore;
  search: SearchStore;
  /** The search index's writer: documents of new appeals, and the pass a long pull leaves pending. */
  searchIndex: SearchIndexWriter;
  views: SavedViewStore;
  /** Runs `work` in one SQLite transaction (nested calls become savepoints). */
  transaction<T>(work: () => T): T;
}

export interface OpenLocalCacheOptions {
  /** A session token is stored: the desk was used here, so the cache must exist and be a database. */
  sessionExists?: boolean;
  /** The operator confirmed starting over: a missing, empty or corrupt cache is set aside and a new one created. */
  startFresh?: boolean;
  log?: (line: string) => void;
}

export function openLocalCache(dataDir: string, options: OpenLocalCacheOptions = {}): LocalCache {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, CACHE_FILE_NAME);
  const log = options.log ?? (() => undefined);
  const size = existsSync(file) ? statSync(file).size : null;
  if (options.sessionExists && (size === null || size === 0)) {
    if (!options.startFresh) throw missingCache(dataDir, file, size === null);
    if (size === 0) setAside(file, log);
    log(`cache: ${file} ${size === null ? 'missing' : 'empty'}, starting fresh as the operator asked`);
  }
  let db: CacheDb;
  try {
    db = openCache(file);
  } catch (error) {
    if (!(options.startFresh && error instanceof CacheOpenError && error.code === 'cache_corrupt')) throw error;
    setAside(file, log);
    log(`cache: ${file} corrupt, set aside; starting fresh as the operator asked`);
    db = openCache(file);
  }
  const searchIndex = new SearchIndexWriter(db);
  return {
    db,
    appeals: new AppealStore(db, searchIndex),
    outbox: new OutboxStore(db),
    conflicts: new ConflictStore(db),
    targets: new TargetStore(db),
    meta: new MetaStore(db),
    rows: new AppealRowStore(db),
    search: new SearchStore(db),
    searchIndex,
    views: new SavedViewStore(db),
    transaction: <T>(work: () => T): T => db.transaction(work)(),
  };
}

function missingCache(dataDir: string, file: string, missing: boolean): CacheOpenError {
  // The sync log lives beside the cache and survives it: its last entry says how many decisions were waiting.
  const syncLog = new SyncLog(dataDir);
  const last = syncLog.tail(1)[0];
  const pending = last === undefined ? ''
    : ` По журналу синхронизации (${syncLog.path}, запись от ${last.at}) неотправленных решений было: ${last.queue}.`;
  return new CacheOpenError('cache_missing',
    `Файл локальной базы ${missing ? 'не найден' : 'пуст (0 байт)'} (${file}), хотя на этом компьютере уже был выполнен ` +
    `вход: в нём могли быть решения, ещё не отправленные на сервер.${pending} Программа не создаёт вместо него пустую базу. ` +
    'Восстановите файл из резервной копии и запустите программу снова. Если копии нет и вы согласны начать с пустой ' +
    `базой (неотправленные решения будут потеряны), запустите программу с ключом ${START_FRESH_FLAG}` +
    `${missing ? '' : ' (пустой файл будет отложен рядом с отметкой времени, не удалён)'}.`);
}

/** Renames the cache file and its -wal/-shm to `<file>.aside-<timestamp>…` (SQLite can still open the pair). */
function setAside(file: string, log: (line: string) => void): void {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${file}.aside-${stamp}`;
  for (const suffix of ['', ...SQLITE_COMPANION_SUFFIXES]) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  log(`cache: ${file} set aside as ${target}`);
}
