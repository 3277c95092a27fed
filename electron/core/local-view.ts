// The local view of an appeal: the server state with this machine's pending decisions re-applied on top.
// Used after every decision, undo, push result and pulled page (the "rebase").
import { applyDecision, type Appeal } from '../../shared/domain/appeal.js';
import type { LocalCache } from './cache/local-cache.js';

/** Recomputes and stores the local view; returns it, or null when the appeal is not cached. */
export function recomputeLocalView(cache: LocalCache, appealId: string): Appeal | null {
  const server = cache.appeals.server(appealId);
  if (!server) return null;
  const pending = cache.outbox.forAppeal(appealId);
  if (pending.length === 0) {
    cache.appeals.setLocal(appealId, server, null);
    return server;
  }
  const local = pending.reduce(
    (view, entry) => applyDecision(view, entry.decision, entry.decidedBy, entry.createdAt),
    server,
  );
  cache.appeals.setLocal(appealId, server, local);
  return local;
}

/**
 * Stores an appeal as the server reports it and rebases pending decisions; false when the cache had newer.
 * `pending`: the appeals with outbox rows, read once per pulled page instead of one outbox query per appeal.
 */
export function storeServerAppeal(cache: LocalCache, appeal: Appeal, replace = false,
  pending?: ReadonlySet<string>): boolean {
  if (!(replace ? cache.appeals.replaceServer(appeal) : cache.appeals.storeServer(appeal))) return false;
  if (pending ? pending.has(appeal.id) : cache.outbox.forAppeal(appeal.id).length > 0) recomputeLocalView(cache, appeal.id);
  return true;
}
