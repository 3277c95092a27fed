// Writes of derived data (rows recomputed whenever missing) without a commit fsync. Its own module: the routing
// worker's bundle imports model-store, and should not carry the cache's migrations with it.
import type { Database } from 'better-sqlite3';

/**
 * Runs a write of derived data — rows recomputed whenever missing, such as the routing worker's scores — without the
 * commit's fsync (synchronous=NORMAL for it alone). A rescoring stores a batch per 100 waiting appeals, and each
 * FULL commit took 1–3 ms and at times over 100 ms on this project's test disk, on the core's only thread: the
 * operator's next decision waited behind it. In WAL mode a power loss may then drop such rows, never a decision:
 * decisions keep committing FULL, and a FULL commit syncs the whole log, these rows included.
 */
export function writeDerived<T>(db: Database, write: () => T): T {
  // The level cannot change inside a transaction; a caller already in one commits with the outer transaction's.
  // Outside WAL mode (a network or FUSE drive may refuse it) NORMAL risks the whole file on power loss: not taken.
  if (db.inTransaction || db.pragma('journal_mode', { simple: true }) !== 'wal') return write();
  const level = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma(`synchronous = ${level}`);
  }
}
