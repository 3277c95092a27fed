// sync_ingest_rows_per_s: the first sync of every appeal from the reference server on loopback into a fresh
// cache (HTTP, JSON, contract parsing, local view, search documents, deadlines), against sqlite_raw_insert_rows_per_s:
// the same rows as plain prepared inserts into the same appeals table in one transaction — the physical-limit baseline.
// The search text of a long pull is written by a pass after it (search-index-keeper.ts): timed apart, as the wait of
// the first search asked the moment the sync completes (search_after_sync_ms).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createDeskCore } from '../../electron/core/desk-core.js';
import { openLocalCache } from '../../electron/core/cache/local-cache.js';
import { API_PREFIX, SessionResponse } from '../../shared/central-api/contract.js';
import type { Appeal } from '../../shared/domain/appeal.js';
import type { SyncStatus } from '../../shared/desk-api/contract.js';
import { excerptOf } from '../../shared/text/inert-text.js';
import { round, type BenchContext, type BenchModule } from './bench-types.js';
import { readAllAppeals } from '../harness/server-read-back.js';

async function allAppeals(url: string): Promise<Appeal[]> {
  const login = await fetch(`${url}${API_PREFIX}/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'lead', password: 'lead' }),
  });
  const { token } = SessionResponse.parse(await login.json());
  return [...(await readAllAppeals(url, token)).values()];
}

function rawInsertRate(dir: string, appeals: readonly Appeal[]): number {
  openLocalCache(dir).db.close(); // the same schema, then plain better-sqlite3 on the file
  const db = new Database(join(dir, 'cache.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const insert = db.prepare(`INSERT INTO appeals (id, server_json, server_version, server_status, local_status,
      local_target_id, local_json, received_at, received_ms, source, channel_name, author_name, excerpt, attachment_count)
    VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`);
  const started = performance.now();
  db.transaction(() => {
    for (const a of appeals) {
      insert.run(a.id, JSON.stringify(a), a.version, a.status, a.status, a.targetId, a.receivedAt, Date.parse(a.receivedAt),
        a.source, a.channel.name, a.author.name, excerptOf(a.text), a.attachments.length);
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return appeals.length / seconds;
}

async function firstSyncRate(ctx: BenchContext, dir: string): Promise<{ rate: number; searchMs: number; clusterMs: number }> {
  const core = await createDeskCore({ dataDir: dir, apiUrl: ctx.server.url, syncIntervalMs: 3_600_000, requestTimeoutMs: 60_000 });
  const started = performance.now();
  const synced = new Promise<void>((resolve) => {
    const off = core.on('sync.status', (payload) => {
      const status = payload as SyncStatus;
      if (status.state === 'online' && status.lastSyncAt !== null) { off(); resolve(); }
    });
  });
  const login = await core.call('session.login', { login: 'operator1', password: 'operator1' });
  if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
  await synced;
  const syncedAt = performance.now();
  const seconds = (syncedAt - started) / 1000;
  // A search waits for the pass that indexes what the pull stored: it answers once every appeal is searchable.
  const found = await core.call('search.query', { text: '' });
  if (!found.ok) throw new Error(`search failed: ${found.error.message}`);
  const searchMs = performance.now() - syncedAt;
  // Surge clustering is not part of the pull either (a long pull leaves it to the background, see
  // cluster-handlers.ts): timed from the sync's end, side by side with the index's pass, until every appeal has been
  // looked at, so the modules after this one meet a settled desk.
  const cacheFile = new Database(join(dir, 'cache.sqlite'), { readonly: true });
  const unchecked = cacheFile.prepare<[], number>('SELECT count(*) FROM appeals WHERE cluster_checked IS NULL').pluck();
  let ids = await core.call('inbox.ids', {});
  while ((unchecked.get() ?? 0) > 0) ids = await core.call('inbox.ids', {});
  const clusterMs = performance.now() - syncedAt;
  cacheFile.close();
  await core.close();
  const count = ids.ok ? (ids.value as { ids: string[] }).ids.length : 0;
  ctx.log(`ingest: ${count} rows in the inbox after the first sync (${seconds.toFixed(1)} s), its search index ` +
    `(${(searchMs / 1000).toFixed(1)} s) and clustering (${(clusterMs / 1000).toFixed(1)} s)`);
  return { rate: ctx.n / seconds, searchMs, clusterMs };
}

export const ingestBench: BenchModule = {
  name: 'ingest',
  async run(ctx) {
    // The sync first: a pooled keep-alive socket left idle by the reads below during the raw inserts would be
    // closed by the server and reset the desk's first request.
    const deskDir = join(ctx.workDir, 'desk');
    const { rate: sync, searchMs, clusterMs } = await firstSyncRate(ctx, deskDir);
    const appeals = await allAppeals(ctx.server.url);
    const raw = rawInsertRate(join(ctx.workDir, 'raw'), appeals);
    ctx.syncedDeskDir = deskDir;
    return {
      sync_ingest_rows_per_s: Math.round(sync),
      sqlite_raw_insert_rows_per_s: Math.round(raw),
      ingest_vs_raw_ratio: round(sync / raw, 2),
      search_after_sync_ms: Math.round(searchMs),
      cluster_after_sync_ms: Math.round(clusterMs),
    };
  },
};
