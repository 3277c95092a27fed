// The windowed read side of the grid: all waiting ids in inbox order (cheap: one covering index), and grid rows
// for just the ids on screen, so 100,000 waiting appeals never cross the IPC as rows at once.
import type { ListedRow } from '../../../shared/desk-api/contract.js';
import type { CacheDb } from './open-cache.js';

interface RowDb {
  id: string;
  source: ListedRow['source'];
  channel_name: string;
  author_name: string;
  excerpt: string;
  received_at: string;
  attachment_count: number;
  local_status: ListedRow['status'];
  local_target_id: string | null;
  route_due_ms: number | null;
  withdrawn_at: string | null;
}

export class AppealRowStore {
  private readonly idsStmt;
  private readonly urgentIdsStmt;
  private readonly rowsStmt;

  constructor(db: CacheDb) {
    // Same order as inbox.list (appeals_inbox index, no sort step).
    this.idsStmt = db.prepare<[], string>(
      "SELECT id FROM appeals WHERE local_status = 'new' ORDER BY received_ms DESC, id").pluck();
    // Nearest routing deadline first (appeals_urgency index, migration 006); rows not yet given one sort last.
    this.urgentIdsStmt = db.prepare<[], string>(
      "SELECT id FROM appeals WHERE local_status = 'new' ORDER BY route_due_ms IS NULL, route_due_ms, id").pluck();
    this.rowsStmt = db.prepare<[string], RowDb>(`
      SELECT id, source, channel_name, author_name, excerpt, received_at, attachment_count, local_status, local_target_id, route_due_ms,
        withdrawn_at
      FROM appeals WHERE id IN (SELECT value FROM json_each(?))`);
  }

  inboxIds(order: 'newest' | 'urgency' = 'newest'): string[] {
    return (order === 'urgency' ? this.urgentIdsStmt : this.idsStmt).all();
  }

  /** Rows for `ids`, in the order asked; ids not in the cache are left out. */
  rows(ids: readonly string[]): ListedRow[] {
    const byId = new Map<string, ListedRow>();
    for (const row of this.rowsStmt.all(JSON.stringify(ids))) {
      byId.set(row.id, {
        id: row.id, source: row.source, channelName: row.channel_name, authorName: row.author_name,
        excerpt: row.excerpt, receivedAt: row.received_at, attachmentCount: row.attachment_count,
        status: row.local_status, targetId: row.local_target_id,
        routeDueAt: row.route_due_ms === null ? null : new Date(row.route_due_ms).toISOString(),
        withdrawnAt: row.withdrawn_at,
      });
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
}
