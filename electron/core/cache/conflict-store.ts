// Conflicts and rejected decisions to show the operator: who decided the appeal on the server, and where.
import type { Conflict } from '../../../shared/desk-api/contract.js';
import type { CacheDb } from './open-cache.js';

export type ConflictKind = 'conflict' | 'invalid';

interface ConflictRow {
  id: string;
  appeal_id: string;
  excerpt: string;
  local_decision: string;
  server_summary: string;
  detected_at: string;
}

export class ConflictStore {
  private readonly insertStmt;
  private readonly listStmt;
  private readonly deleteStmt;
  private readonly getStmt;
  private readonly countStmt;

  constructor(db: CacheDb) {
    this.insertStmt = db.prepare(`
      INSERT INTO conflicts (id, appeal_id, kind, excerpt, local_decision, server_summary, error_code, error_message,
        detected_at)
      VALUES (@id, @appealId, @kind, @excerpt, @local, @server, @errorCode, @errorMessage, @detectedAt)`);
    this.listStmt = db.prepare<[], ConflictRow>('SELECT * FROM conflicts ORDER BY id DESC');
    this.deleteStmt = db.prepare('DELETE FROM conflicts WHERE id = ?');
    this.getStmt = db.prepare<[string], ConflictRow>('SELECT * FROM conflicts WHERE id = ?');
    this.countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM conflicts');
  }

  insert(conflict: Conflict, kind: ConflictKind, error: { code: string; message: string } | null): void {
    this.insertStmt.run({
      id: conflict.id,
      appealId: conflict.appealId,
      kind,
      excerpt: conflict.excerpt,
      local: JSON.stringify(conflict.local),
      server: JSON.stringify(conflict.server),
      errorCode: error?.code ?? null,
      errorMessage: error?.message ?? null,
      detectedAt: conflict.detectedAt,
    });
  }

  list(): Conflict[] {
    return this.listStmt.all().map(toConflict);
  }

  get(id: string): Conflict | null {
    const row = this.getStmt.get(id);
    return row ? toConflict(row) : null;
  }

  delete(id: string): void {
    this.deleteStmt.run(id);
  }

  /** Conflicts not yet looked at (a conflict leaves the table when dismissed or re-routed). */
  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }
}

function toConflict(row: ConflictRow): Conflict {
  return {
    id: row.id,
    appealId: row.appeal_id,
    excerpt: row.excerpt,
    local: JSON.parse(row.local_decision) as Conflict['local'],
    server: JSON.parse(row.server_summary) as Conflict['server'],
    detectedAt: row.detected_at,
  };
}
