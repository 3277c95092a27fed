// One appeal's stored working-hours deadlines (migration 006 columns), as ISO instants for the desk API.
import type { CacheDb } from '../cache/open-cache.js';

const statements = new WeakMap<CacheDb, ReturnType<typeof prepare>>();
const prepare = (db: CacheDb) => db.prepare<[string], { route_due_ms: number | null; answer_due_ms: number | null }>(
  'SELECT route_due_ms, answer_due_ms FROM appeals WHERE id = ?');
const iso = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());

export function appealDeadlines(db: CacheDb, id: string): { routeDueAt: string | null; answerDueAt: string | null } {
  let stmt = statements.get(db);
  if (!stmt) statements.set(db, stmt = prepare(db));
  const row = stmt.get(id);
  return { routeDueAt: iso(row?.route_due_ms), answerDueAt: iso(row?.answer_due_ms) };
}
