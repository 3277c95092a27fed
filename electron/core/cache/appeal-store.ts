// Typed queries on the appeals table: server state, the local view (server + pending decisions) and the inbox.
import type { Appeal } from '../../../shared/domain/appeal.js';
import type { InboxRow } from '../../../shared/desk-api/contract.js';
import { excerptOf } from '../../../shared/text/inert-text.js';
import type { CacheDb } from './open-cache.js';
import { SearchIndexWriter } from './search-index.js';

interface AppealRow {
  server_json: string;
  local_json: string | null;
  server_version: number;
}

interface InboxDbRow {
  id: string;
  source: InboxRow['source'];
  channel_name: string;
  author_name: string;
  excerpt: string;
  received_at: string;
  attachment_count: number;
  withdrawn_at: string | null;
}

export class AppealStore {
  private readonly upsert;
  private readonly selectOne;
  private readonly updateLocal;
  private readonly selectInbox;
  private readonly countInboxStmt;
  private readonly selectExcerpt;
  private readonly searchIndex;
  private readonly resetVersion;
  private readonly anyDecidedStmt;

  constructor(db: CacheDb, searchIndex = new SearchIndexWriter(db)) {
    this.searchIndex = searchIndex;
    this.upsert = db.prepare(`
      INSERT INTO appeals (id, server_json, server_version, server_status, local_status, local_target_id, local_json,
        received_at, received_ms, source, channel_name, author_name, excerpt, attachment_count, withdrawn_at)
      VALUES (@id, @json, @version, @status, @status, @targetId, NULL,
        @receivedAt, @receivedMs, @source, @channelName, @authorName, @excerpt, @attachmentCount, @withdrawnAt)
      ON CONFLICT (id) DO UPDATE SET
        server_json = excluded.server_json, server_version = excluded.server_version,
        server_status = excluded.server_status, local_status = excluded.local_status,
        local_target_id = excluded.local_target_id, local_json = NULL,
        received_at = excluded.received_at, received_ms = excluded.received_ms, source = excluded.source,
        channel_name = excluded.channel_name, author_name = excluded.author_name, excerpt = excluded.excerpt,
        attachment_count = excluded.attachment_count, withdrawn_at = excluded.withdrawn_at
      WHERE excluded.server_version >= appeals.server_version`);
    this.selectOne = db.prepare<[string], AppealRow>(
      'SELECT server_json, local_json, server_version FROM appeals WHERE id = ?');
    this.updateLocal = db.prepare(
      'UPDATE appeals SET local_status = @status, local_target_id = @targetId, local_json = @json WHERE id = @id');
    this.selectInbox = db.prepare<[number, number], InboxDbRow>(`
      SELECT id, source, channel_name, author_name, excerpt, received_at, attachment_count, withdrawn_at
      FROM appeals WHERE local_status = 'new' ORDER BY received_ms DESC, id LIMIT ? OFFSET ?`);
    this.countInboxStmt = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM appeals WHERE local_status = 'new'");
    this.resetVersion = db.prepare('UPDATE appeals SET server_version = 0 WHERE id = ?');
    this.selectExcerpt = db.prepare<[string], { excerpt: string }>('SELECT excerpt FROM appeals WHERE id = ?');
    this.anyDecidedStmt = db.prepare<[string], { one: number }>(
      "SELECT 1 AS one FROM appeals WHERE id IN (SELECT value FROM json_each(?)) AND server_status <> 'new' LIMIT 1");
  }

  /**
   * Stores the server's appeal unless the cache already holds a newer server version; the local view is reset
   * to it (callers re-apply pending decisions). Returns whether anything was written. `deferIndex`: the search
   * text of a new appeal waits for the pass after a long pull (SearchIndexWriter.deferring says when).
   */
  storeServer(appeal: Appeal, deferIndex?: boolean): boolean {
    const result = this.upsert.run({
      id: appeal.id,
      json: JSON.stringify(appeal),
      version: appeal.version,
      status: appeal.status,
      targetId: appeal.targetId,
      receivedAt: appeal.receivedAt,
      receivedMs: Date.parse(appeal.receivedAt),
      source: appeal.source,
      channelName: appeal.channel.name,
      authorName: appeal.author.name,
      excerpt: excerptOf(appeal.text),
      attachmentCount: appeal.attachments.length,
      withdrawnAt: appeal.withdrawnAt ?? null,
    });
    // Same transaction as the row (the caller's), no trigger: the document, and its text or the marker of the pass
    // that will write it, commit with the appeal.
    if (result.changes > 0) this.searchIndex.add(appeal, deferIndex);
    return result.changes > 0;
  }

  /** After the server was restored from an older backup its state is the truth, even at a lower version. */
  replaceServer(appeal: Appeal, deferIndex?: boolean): boolean {
    this.resetVersion.run(appeal.id);
    return this.storeServer(appeal, deferIndex);
  }

  server(id: string): Appeal | null {
    const row = this.selectOne.get(id);
    return row ? (JSON.parse(row.server_json) as Appeal) : null;
  }

  /** The local view: what this machine shows, with pending decisions on top of the server state. */
  local(id: string): Appeal | null {
    const row = this.selectOne.get(id);
    if (!row) return null;
    return JSON.parse(row.local_json ?? row.server_json) as Appeal;
  }

  /** Writes the local view; `null` means "same as the server state". */
  setLocal(id: string, server: Appeal, local: Appeal | null): void {
    const view = local ?? server;
    this.updateLocal.run({ id, status: view.status, targetId: view.targetId, json: local ? JSON.stringify(local) : null });
  }

  /** Whether the server has already decided any of these appeals (one query, however many: a lead's whole batch). */
  anyDecidedOnServer(ids: readonly string[]): boolean {
    return this.anyDecidedStmt.get(JSON.stringify(ids)) !== undefined;
  }

  excerpt(id: string): string {
    return this.selectExcerpt.get(id)?.excerpt ?? '';
  }

  inbox(offset: number, limit: number): InboxRow[] {
    return this.selectInbox.all(limit, offset).map((row) => ({
      id: row.id,
      source: row.source,
      channelName: row.channel_name,
      authorName: row.author_name,
      excerpt: row.excerpt,
      receivedAt: row.received_at,
      attachmentCount: row.attachment_count,
      withdrawnAt: row.withdrawn_at,
    }));
  }

  inboxCount(): number {
    return this.countInboxStmt.get()?.n ?? 0;
  }
}
