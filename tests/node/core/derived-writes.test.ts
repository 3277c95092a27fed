// Derived rows (the routing worker's scores) are stored without a commit fsync, decisions keep theirs: the level
// is NORMAL for the suggestion write alone and FULL again before and after it, on a real cache.
import { afterEach, describe, expect, it } from 'vitest';
import { writeDerived } from '../../../electron/core/cache/derived-write.js';
import { openLocalCache } from '../../../electron/core/cache/local-cache.js';
import { dropDecidedSuggestions, readSuggestions, writeSuggestions } from '../../../electron/core/routing/model-store.js';
import { sampleAppeal, tempDir } from './core-test-kit.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const FULL = 2;
const NORMAL = 1;

function openCacheWithAppeal() {
  const temp = tempDir('derived');
  const cache = openLocalCache(temp.dir);
  cleanup = () => {
    cache.db.close();
    temp.remove();
  };
  const appeal = sampleAppeal(1);
  cache.appeals.storeServer(appeal);
  return { db: cache.db, appealId: appeal.id };
}

/** The synchronous level of every statement run while `act` runs, as SQLite reports it at that moment. */
function levelsDuring(db: ReturnType<typeof openCacheWithAppeal>['db'], act: () => void): number[] {
  const levels: number[] = [];
  const prepare = db.prepare.bind(db);
  const spied = db as unknown as { prepare: typeof db.prepare };
  spied.prepare = ((source: string) => {
    const statement = prepare(source);
    const run = statement.run.bind(statement);
    (statement as unknown as { run: typeof statement.run }).run = (...params: unknown[]) => {
      levels.push(db.pragma('synchronous', { simple: true }) as number);
      return run(...params);
    };
    return statement;
  }) as typeof db.prepare;
  try {
    act();
  } finally {
    spied.prepare = prepare;
  }
  return levels;
}

describe('derived writes', () => {
  it('stores suggestion rows at synchronous=NORMAL and leaves the cache at FULL', () => {
    const { db, appealId } = openCacheWithAppeal();
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    const json = JSON.stringify({ suggestions: [{ targetId: 'minzdrav', score: 0.6, reason: 'слова: поликлиника' }], place: null });
    const levels = levelsDuring(db, () => writeSuggestions(db, [[appealId, 'minzdrav', 0.6, 1, json]]));
    expect(levels).toEqual([NORMAL]);
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    expect(readSuggestions(db, appealId)?.suggestions[0]?.targetId).toBe('minzdrav');
    expect(levelsDuring(db, () => dropDecidedSuggestions(db))).toEqual([NORMAL]);
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
  });

  it('restores the level when the write throws, and inside a transaction leaves the outer one as it is', () => {
    const { db } = openCacheWithAppeal();
    expect(() => writeDerived(db, () => { throw new Error('disk full'); })).toThrow('disk full');
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
    // SQLite refuses a level change inside a transaction: the derived write then simply joins it.
    const inner = db.transaction(() => writeDerived(db, () => db.pragma('synchronous', { simple: true })))();
    expect(inner).toBe(FULL);
    expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
  });

  it('keeps FULL for derived rows too when the cache is not in WAL mode', () => {
    const { db, appealId } = openCacheWithAppeal();
    db.pragma('journal_mode = DELETE');
    const json = JSON.stringify({ suggestions: [], place: null });
    expect(levelsDuring(db, () => writeSuggestions(db, [[appealId, null, null, 1, json]]))).toEqual([FULL]);
  });
});
