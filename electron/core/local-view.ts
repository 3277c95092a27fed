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

/** How a pulled page stores its appeals (sync-pull.ts). */
export interface StoreOptions {
  /** Take the server's state even at a lower version (the server was restored from a backup). */
  replace?: boolean;
  /** The appeals with outbox rows, read once per pulled page instead of one outbox query per appeal. */
  pending?: ReadonlySet<string>;
  /** The search text waits for the pass after a long pull (SearchIndexWriter.deferring). */
  deferIndex?: boolean;
}

/** Stores an appeal as the server reports it and rebases pending decisions; false when the cache had newer. */
export function storeServerAppeal(cache: LocalCache, appeal: Appeal, options: StoreOptions = {}): boolean {
  const { replace = false, pending, deferIndex } = options;
  const stored = replace ? cache.appeals.replaceServer(appeal, deferIndex) : cache.appeals.storeServer(appeal, deferIndex);
  if (!stored) return false;
  if (pending ? pending.has(appeal.id) : cache.outbox.forAppeal(appeal.id).length > 0) recomputeLocalView(cache, appeal.id);
  return true;
}
