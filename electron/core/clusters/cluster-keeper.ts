// Puts each appeal that arrives waiting into a surge cluster (same problem, same place, within hours), a duplicate
// fold (same author, near-identical text, within a day) or a copy fold (the same long text from other authors within
// a day) — incrementally: every appeal is looked at once, against the candidates its place, author and copy keys find
// in the cache (migration 007), oldest first.
import type { CacheDb } from '../cache/open-cache.js';
import {
  clusterFeaturesOf, clusterReason, DUPLICATE_WINDOW_MS, SURGE_WINDOW_MS, type ClusterFeatures, type ClusterReason,
} from './cluster-features.js';

export interface ClusterStep {
  /** Appeals looked at. */
  checked: number;
  /** Appeals whose cluster changed (the newcomer and, when it started a cluster, the first member). */
  changed: string[];
  /** More appeals are still waiting to be looked at. */
  more: boolean;
}

export interface ClusterKeeper {
  step(limit: number): ClusterStep;
}

interface UncheckedRow {
  id: string;
  local_status: string;
  received_ms: number;
  text: string | null;
  author: string | null;
}

type Known = ClusterFeatures & { receivedMs: number };

/** Candidates per key: a surge of hundreds compares with the newest ones only. */
const MAX_CANDIDATES_PER_KEY = 200;
const FEATURE_CACHE_LIMIT = 20_000;

export function createClusterKeeper(db: CacheDb): ClusterKeeper {
  const unchecked = db.prepare<[number], UncheckedRow>(`
    SELECT id, local_status, received_ms,
      json_extract(coalesce(local_json, server_json), '$.text') AS text,
      json_extract(coalesce(local_json, server_json), '$.author') AS author
    FROM appeals WHERE cluster_checked IS NULL ORDER BY received_ms, id LIMIT ?`);
  const markChecked = db.prepare('UPDATE appeals SET cluster_checked = 1 WHERE id = ?');
  const candidates = db.prepare<[string, number, number, number], { appeal_id: string }>(`
    SELECT appeal_id FROM cluster_keys WHERE key = ? AND received_ms BETWEEN ? AND ?
    ORDER BY received_ms DESC LIMIT ?`);
  const insertKey = db.prepare('INSERT OR IGNORE INTO cluster_keys (key, received_ms, appeal_id) VALUES (?, ?, ?)');
  const insertFeatures = db.prepare(
    'INSERT OR REPLACE INTO cluster_features (appeal_id, json, reason) VALUES (?, ?, ?)');
  const featuresOf = db.prepare<[string], { json: string }>('SELECT json FROM cluster_features WHERE appeal_id = ?');
  const clusterOf = db.prepare<[string], { cluster_id: string | null; received_ms: number }>(
    'SELECT cluster_id, received_ms FROM appeals WHERE id = ?');
  const setCluster = db.prepare('UPDATE appeals SET cluster_id = ? WHERE id = ?');
  const membersOf = db.prepare<[string], string>('SELECT id FROM appeals WHERE cluster_id = ?').pluck();
  const mergeCluster = db.prepare('UPDATE appeals SET cluster_id = ? WHERE cluster_id = ?');

  // Parsed features of recent appeals: a surge compares each newcomer with the same few hundred.
  const cache = new Map<string, Known>();
  const known = (id: string): Known | null => {
    const hit = cache.get(id);
    if (hit) return hit;
    const row = featuresOf.get(id);
    const at = clusterOf.get(id);
    if (!row || !at) return null;
    const parsed = { ...(JSON.parse(row.json) as ClusterFeatures), receivedMs: at.received_ms };
    if (cache.size >= FEATURE_CACHE_LIMIT) cache.clear();
    cache.set(id, parsed);
    return parsed;
  };

  function look(row: UncheckedRow, changed: string[]): void {
    markChecked.run(row.id);
    // Only waiting appeals are clustered: history that arrives decided has nothing left to route together.
    if (row.local_status !== 'new' || row.text === null) return;
    const author = row.author ? JSON.parse(row.author) as { name: string; url?: string } : { name: '' };
    const features = clusterFeaturesOf(row.text, author);
    const me: Known = { ...features, receivedMs: row.received_ms };
    const matches: { id: string; reason: ClusterReason; apart: number }[] = [];
    const seen = new Set<string>([row.id]);
    const keys = [...features.places, features.author, ...(features.copy ? [features.copy] : [])];
    for (const key of keys) {
      const window = key.startsWith('p:') ? SURGE_WINDOW_MS : DUPLICATE_WINDOW_MS;
      for (const { appeal_id: other } of candidates.all(key, row.received_ms - window, row.received_ms + window,
        MAX_CANDIDATES_PER_KEY)) {
        if (seen.has(other)) continue;
        seen.add(other);
        const them = known(other);
        if (!them) continue;
        const reason = clusterReason(me, them);
        if (!reason) continue;
        matches.push({ id: other, reason, apart: Math.abs(me.receivedMs - them.receivedMs) });
      }
    }
    // The closest in time gives the reason; a duplicate of the same author before a surge at the same distance.
    matches.sort((x, y) => x.apart - y.apart || (x.reason === 'duplicate' ? -1 : 0) - (y.reason === 'duplicate' ? -1 : 0));
    const best = matches[0];
    for (const key of keys) insertKey.run(key, row.received_ms, row.id);
    insertFeatures.run(row.id, JSON.stringify(features), best?.reason ?? null);
    cache.set(row.id, me);
    if (!best) return;
    const clusterId = clusterOf.get(best.id)?.cluster_id ?? best.id;
    // The newcomer may bridge appeals that were apart until now (a bus «не пришёл», then «отменили рейс», then
    // one post saying both): every cluster it matches becomes one.
    for (const match of matches) {
      const theirs = clusterOf.get(match.id)?.cluster_id ?? null;
      if (theirs === clusterId) continue;
      if (theirs === null) {
        setCluster.run(clusterId, match.id);
        changed.push(match.id);
      } else {
        changed.push(...membersOf.all(theirs));
        mergeCluster.run(clusterId, theirs);
      }
    }
    setCluster.run(clusterId, row.id);
    changed.push(row.id);
  }

  return {
    step(limit) {
      return db.transaction(() => {
        const rows = unchecked.all(limit + 1);
        const more = rows.length > limit;
        const changed: string[] = [];
        for (const row of rows.slice(0, limit)) look(row, changed);
        return { checked: Math.min(rows.length, limit), changed, more };
      })();
    },
  };
}
