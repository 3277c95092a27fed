// Typed queries on the outbox: decisions made on this machine that the server has not acknowledged yet.
import type { Decision, UserRef } from '../../../shared/domain/appeal.js';
import type { DecisionBatch } from '../../../shared/desk-api/sync-contract.js';
import type { CacheDb } from './open-cache.js';

export interface OutboxEntry {
  mutationId: string;
  appealId: string;
  baseVersion: number;
  decision: Decision;
  decidedBy: UserRef;
  createdAt: string;
  createdMs: number;
  attemptedAt: string | null;
  attempts: number;
  lastError: string | null;
  /** Decided together with others (and then undone together): as what; null when alone, or batched before schema 15. */
  batchKind: DecisionBatch | null;
}

interface OutboxRow {
  mutation_id: string;
  appeal_id: string;
  base_version: number;
  payload: string;
  decided_by: string;
  created_at: string;
  created_ms: number;
  attempted_at: string | null;
  attempts: number;
  last_error: string | null;
  batch_kind: DecisionBatch | null;
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    mutationId: row.mutation_id,
    appealId: row.appeal_id,
    baseVersion: row.base_version,
    decision: JSON.parse(row.payload) as Decision,
    decidedBy: JSON.parse(row.decided_by) as UserRef,
    createdAt: row.created_at,
    createdMs: row.created_ms,
    attemptedAt: row.attempted_at,
    attempts: row.attempts,
    lastError: row.last_error,
    batchKind: row.batch_kind,
  };
}

export class OutboxStore {
  private readonly insertStmt;
  private readonly forAppealStmt;
  private readonly pendingIdsStmt;
  private readonly newestStmt;
  private readonly batchStmt;
  private readonly dueStmt;
  private readonly nextDueStmt;
  private readonly markStmt;
  private readonly errorStmt;
  private readonly deleteStmt;
  private readonly countStmt;
  private readonly oneStmt;
  private readonly byUserStmt;
  private readonly batchSetStmt;

  constructor(db: CacheDb) {
    this.insertStmt = db.prepare(`
      INSERT INTO outbox (mutation_id, appeal_id, base_version, type, payload, decided_by, created_at, created_ms)
      VALUES (@mutationId, @appealId, @baseVersion, @type, @payload, @decidedBy, @createdAt, @createdMs)`);
    this.pendingIdsStmt = db.prepare<[], string>('SELECT DISTINCT appeal_id FROM outbox').pluck();
    this.forAppealStmt = db.prepare<[string], OutboxRow>(
      'SELECT * FROM outbox WHERE appeal_id = ? ORDER BY mutation_id');
    // Rows are sent under their author's own session (shift handover, #12): the queries take the authors that have
    // one as a JSON array of user ids.
    const authorIn = "json_extract(decided_by, '$.id') IN (SELECT value FROM json_each(?))";
    this.newestStmt = db.prepare<[string], OutboxRow>(
      `SELECT * FROM outbox WHERE ${authorIn} ORDER BY mutation_id DESC LIMIT 1`);
    // A cluster decision (#6) is one batch of rows; a plain decision is a batch of itself.
    this.batchStmt = db.prepare<[string, string], OutboxRow>(`
      SELECT * FROM outbox WHERE mutation_id = ?
        OR batch_id = (SELECT batch_id FROM outbox WHERE mutation_id = ?)
      ORDER BY mutation_id`);
    this.dueStmt = db.prepare<[number, string, number], OutboxRow>(
      `SELECT * FROM outbox WHERE created_ms <= ? AND ${authorIn} ORDER BY mutation_id LIMIT ?`);
    this.nextDueStmt = db.prepare<[string], { ms: number | null }>(
      `SELECT min(created_ms) AS ms FROM outbox WHERE attempts = 0 AND ${authorIn}`);
    this.byUserStmt = db.prepare<[], { decided_by: string; n: number }>(
      "SELECT decided_by, count(*) AS n FROM outbox GROUP BY json_extract(decided_by, '$.id') ORDER BY min(mutation_id)");
    this.markStmt = db.prepare('UPDATE outbox SET attempted_at = ?, attempts = attempts + 1 WHERE mutation_id = ?');
    this.errorStmt = db.prepare('UPDATE outbox SET last_error = ? WHERE mutation_id = ?');
    this.deleteStmt = db.prepare('DELETE FROM outbox WHERE mutation_id = ?');
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox');
    this.oneStmt = db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE mutation_id = ?');
    this.batchSetStmt = db.prepare('UPDATE outbox SET batch_id = ?, batch_kind = ? WHERE mutation_id = ?');
  }

  insert(entry: Omit<OutboxEntry, 'attemptedAt' | 'attempts' | 'lastError' | 'batchKind'>): void {
    this.insertStmt.run({
      mutationId: entry.mutationId,
      appealId: entry.appealId,
      baseVersion: entry.baseVersion,
      type: entry.decision.type,
      payload: JSON.stringify(entry.decision),
      decidedBy: JSON.stringify(entry.decidedBy),
      createdAt: entry.createdAt,
      createdMs: entry.createdMs,
    });
  }

  get(mutationId: string): OutboxEntry | null {
    const row = this.oneStmt.get(mutationId);
    return row ? toEntry(row) : null;
  }

  forAppeal(appealId: string): OutboxEntry[] {
    return this.forAppealStmt.all(appealId).map(toEntry);
  }

  /** Every appeal with a pending decision (a shift's work at most): one query for a whole pulled page. */
  pendingAppealIds(): Set<string> {
    return new Set(this.pendingIdsStmt.all());
  }

  /** The newest row decided by `authorId`: what their Ctrl+Z takes back — never another operator's queued work. */
  newest(authorId: string): OutboxEntry | null {
    const row = this.newestStmt.get(JSON.stringify([authorId]));
    return row ? toEntry(row) : null;
  }

  /** Puts a stored row into a batch: decided together with the batch's other rows, undone together with them. */
  joinBatch(mutationId: string, batch: { id: string; kind: DecisionBatch }): void {
    this.batchSetStmt.run(batch.id, batch.kind, mutationId);
  }

  /** The rows decided together with `mutationId` (a cluster's or a selection's batch), oldest first; itself when alone. */
  batchOf(mutationId: string): OutboxEntry[] {
    return this.batchStmt.all(mutationId, mutationId).map(toEntry);
  }

  /** Oldest first: rows by `authorIds` whose undo grace ended at or before `dueBeforeMs`. */
  due(dueBeforeMs: number, authorIds: readonly string[], limit: number): OutboxEntry[] {
    return this.dueStmt.all(dueBeforeMs, JSON.stringify(authorIds), limit).map(toEntry);
  }

  /** created_ms of the oldest row by `authorIds` never sent yet (in its undo grace or already due); null when none. */
  oldestUnsentCreatedMs(authorIds: readonly string[]): number | null {
    return this.nextDueStmt.get(JSON.stringify(authorIds))?.ms ?? null;
  }

  /** Who the waiting rows belong to, with how many each (oldest author first). */
  countsByAuthor(): { user: UserRef; count: number }[] {
    return this.byUserStmt.all().map((row) => ({ user: JSON.parse(row.decided_by) as UserRef, count: row.n }));
  }

  markAttempted(mutationId: string, at: string): void {
    this.markStmt.run(at, mutationId);
  }

  recordError(mutationId: string, message: string): void {
    this.errorStmt.run(message, mutationId);
  }

  delete(mutationId: string): void {
    this.deleteStmt.run(mutationId);
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}
