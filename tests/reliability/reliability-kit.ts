// Helpers shared by the reliability suite and its fast subset: the reference server's truth (appeals, applied
// mutations read from its own SQLite file), seeding appeals, and comparing a desk's cache with the server.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { API_PREFIX, ChangesResponse, type IncomingAppeal } from '../../shared/central-api/contract.js';
import type { Appeal } from '../../shared/domain/appeal.js';
import { CACHE_FILE_NAME } from '../../electron/core/cache/local-cache.js';
import { DB_FILE_NAME } from '../../server/store/sqlite-store.js';

export async function apiCall<T>(url: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${url}${API_PREFIX}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export async function tokenFor(url: string, login: string): Promise<string> {
  return (await apiCall<{ token: string }>(url, '/session', { method: 'POST', body: { login, password: login } })).token;
}

export function incoming(index: number): IncomingAppeal {
  return {
    id: `r-${String(index).padStart(5, '0')}`,
    source: 'vk',
    channel: { name: 'Новосибирск онлайн', url: 'https://vk.com/nsk' },
    author: { name: `Житель ${index}` },
    text: `Во дворе дома ${index} на улице Ленина прорвало трубу, вода заливает подвал.`,
    attachments: [],
    receivedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, index)).toISOString(),
  };
}

/** Ingests appeals first…first+count-1 as the connector, in chunks of the contract maximum. */
export async function ingest(url: string, first: number, count: number): Promise<void> {
  const token = await tokenFor(url, 'connector');
  for (let start = first; start < first + count; start += 1000) {
    const n = Math.min(1000, first + count - start);
    const appeals = Array.from({ length: n }, (_, i) => incoming(start + i));
    await apiCall(url, '/appeals', { method: 'POST', token, body: { appeals } });
  }
}

/** Every appeal on the server, paging through /changes. */
export async function serverAppeals(url: string): Promise<Map<string, Appeal>> {
  const token = await tokenFor(url, 'lead');
  const all = new Map<string, Appeal>();
  let cursor: string | null = null;
  for (;;) {
    const query: string = `/changes?limit=1000${cursor !== null ? `&cursor=${cursor}` : ''}`;
    const page = ChangesResponse.parse(await apiCall(url, query, { token }));
    for (const appeal of page.appeals) all.set(appeal.id, appeal);
    cursor = page.cursor;
    if (!page.hasMore) return all;
  }
}

/** The server's record of applied mutations (id → appeal), read from its own database file. */
export function serverMutations(serverDataDir: string): { byId: Map<string, string>; perAppeal: Map<string, number> } {
  const db = new Database(join(serverDataDir, DB_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare<[], { id: string; appeal_id: string }>('SELECT id, appeal_id FROM mutations').all();
    const byId = new Map(rows.map((row) => [row.id, row.appeal_id]));
    const perAppeal = new Map<string, number>();
    for (const row of rows) perAppeal.set(row.appeal_id, (perAppeal.get(row.appeal_id) ?? 0) + 1);
    return { byId, perAppeal };
  } finally {
    db.close();
  }
}

export interface CacheSnapshot {
  integrity: string;
  outbox: number;
  /** appeal id → server version and status as cached */
  server: Map<string, { version: number; status: string; targetId: string | null }>;
}

/** Opens a desk's cache file read-only (after the core is gone) and reads what the comparison needs. */
export function readCache(dataDir: string): CacheSnapshot {
  const db = new Database(join(dataDir, CACHE_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    const integrity = String(db.pragma('integrity_check(1)', { simple: true }));
    const outbox = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox').get()?.n ?? 0;
    const rows = db.prepare<[], { id: string; server_json: string }>('SELECT id, server_json FROM appeals').all();
    const server = new Map(rows.map((row) => {
      const appeal = JSON.parse(row.server_json) as Appeal;
      return [row.id, { version: appeal.version, status: appeal.status, targetId: appeal.targetId }] as const;
    }));
    return { integrity, outbox, server };
  } finally {
    db.close();
  }
}

/** Ids whose cached server state differs from the server's (missing counts as different). */
export function cacheDifferences(cache: CacheSnapshot, server: Map<string, Appeal>): string[] {
  const differing: string[] = [];
  for (const [id, appeal] of server) {
    const cached = cache.server.get(id);
    if (!cached || cached.version !== appeal.version || cached.status !== appeal.status || cached.targetId !== appeal.targetId) {
      differing.push(id);
    }
  }
  return differing;
}
