// The detail pane's appeal for whichever grid selected it (inbox, search). A key press paints the selection first
// and asks the core afterwards; the appeal the operator is likely to land on next (the row after the new selection,
// in the direction of the move) is fetched ahead into a small cache, so that on the next press the detail is painted
// in the same frame as the selection: one render per key instead of two, and no core round trip on the key's path.
// The core stays the truth: every change to an appeal's data reaches the desk as an `appeals.changed` event, which
// drops the copy (and makes an answer still on its way for it worthless); a copy older than DETAIL_FRESH_MS is painted
// but checked with the core after the paint, and repainted only if it differs.
import type { LocalAppeal } from '../../../shared/desk-api/contract.js';
import { afterPaint } from '../app/after-paint.js';
import { deskCall } from '../desk-client.js';
import type { DetailState } from '../lists/decidable-list-types.js';

export interface DetailTarget {
  selectedId(): string | null;
  detail(): DetailState | null;
  setDetail(detail: DetailState | null): void;
}

export interface DetailLoader {
  /**
   * Show `id` (just selected): from the cache at once when a copy is there, else loaded after paint; then fetch
   * `ahead` (the likely next selection) into the cache without painting anything.
   */
  show(id: string | null, ahead: string | null): Promise<void>;
  /** Load `id` from the core again (its appeal changed) if it is still the selection when the answer comes. */
  reload(id: string | null): Promise<void>;
  /**
   * The core says these appeals changed (all when empty — also on sign-out: no citizen text outlives the session):
   * their copies are dropped, and an answer on its way for one of them is not kept when it lands (it may predate the
   * change). The lists call this from their change handler and when they are cleared.
   */
  forget(ids: readonly string[]): void;
}

/** A few screens of moves either way; each entry is one appeal's detail. */
const CACHE_LIMIT = 24;
/**
 * A copy younger than this is painted and trusted (events name every change); an older one is painted, then checked
 * with the core after the paint — a belt to the events' braces, and no cost on the key's path either way.
 */
export const DETAIL_FRESH_MS = 3_000;
const CHANGES_LIMIT = 10_000;

interface Cached { local: LocalAppeal; json: string; fetchedAt: number }

export function createDetailLoader(target: DetailTarget, now: () => number = () => performance.now()): DetailLoader {
  const cache = new Map<string, Cached>();
  const fetching = new Map<string, Promise<void>>();
  // What `forget` has seen: an answer is kept only if no change was announced for its appeal since it was asked for.
  let epoch = 0;
  const changes = new Map<string, number>();
  const stamp = (id: string): string => `${epoch}:${changes.get(id) ?? 0}`;

  const remember = (id: string, local: LocalAppeal, fetchedAt: number): Cached => {
    const entry = { local, json: JSON.stringify(local), fetchedAt };
    cache.delete(id); // re-inserted last: Map order is the eviction order
    cache.set(id, entry);
    for (const oldest of cache.keys()) {
      if (cache.size <= CACHE_LIMIT) break;
      cache.delete(oldest);
    }
    return entry;
  };

  /** Asks the core for `id`; the answer is cached unless a change was announced meanwhile (then null). */
  async function fetchDetail(id: string): Promise<{ ok: true; entry: Cached | null } | { ok: false; message: string }> {
    const asked = stamp(id);
    const askedAt = now();
    const result = await deskCall('appeals.get', { id });
    if (!result.ok) return { ok: false, message: result.error.message };
    return { ok: true, entry: stamp(id) === asked ? remember(id, result.value, askedAt) : null };
  }

  /** Fetches `id` into the cache unless a copy is there or on its way; paints nothing. */
  const prefetch = (id: string): Promise<void> => {
    if (cache.has(id)) return Promise.resolve();
    const running = fetching.get(id);
    if (running) return running;
    const done = fetchDetail(id).then(() => undefined).finally(() => { if (fetching.get(id) === done) fetching.delete(id); });
    fetching.set(id, done);
    return done;
  };

  /**
   * Loads the selection from the core and paints it if it is still selected and differs from what is shown. An answer
   * overtaken by a change event is not painted: the list reloads the selection on that event (its onAppealsChanged).
   */
  async function load(id: string): Promise<void> {
    const answer = await fetchDetail(id);
    if (target.selectedId() !== id) return;
    if (!answer.ok) {
      target.setDetail({ id, phase: 'failed', message: answer.message });
      return;
    }
    if (answer.entry === null) return;
    const shown = target.detail();
    if (shown?.id === id && shown.phase === 'ready' && JSON.stringify(shown.local) === answer.entry.json) return;
    target.setDetail({ id, phase: 'ready', local: answer.entry.local });
  }

  return {
    async show(id, ahead) {
      if (id === null) {
        target.setDetail(null);
        return;
      }
      const cached = cache.get(id);
      const current = target.detail();
      if (cached) target.setDetail({ id, phase: 'ready', local: cached.local });
      else if (!(current?.id === id && current.phase === 'ready')) target.setDetail({ id, phase: 'loading' });
      // The selection is painted first; a key held down asks only for the appeal it stops on.
      await afterPaint();
      if (target.selectedId() !== id) return;
      if (!cached || now() - cached.fetchedAt > DETAIL_FRESH_MS) {
        const running = cached ? undefined : fetching.get(id);
        if (running) await running;
        if (target.selectedId() !== id) return;
        const arrived = running ? cache.get(id) : undefined;
        if (arrived) target.setDetail({ id, phase: 'ready', local: arrived.local });
        else await load(id);
      }
      if (ahead !== null && ahead !== id && target.selectedId() === id) await prefetch(ahead);
    },
    forget(ids) {
      if (ids.length === 0) {
        epoch++;
        changes.clear();
        cache.clear();
        fetching.clear();
      }
      // A long shift names many appeals: past this many, one epoch step stands for them all.
      if (changes.size > CHANGES_LIMIT) {
        epoch++;
        changes.clear();
      }
      for (const id of ids) {
        changes.set(id, (changes.get(id) ?? 0) + 1);
        cache.delete(id);
        fetching.delete(id);
      }
    },
    async reload(id) {
      if (id === null) {
        target.setDetail(null);
        return;
      }
      cache.delete(id);
      const current = target.detail();
      if (!(current?.id === id && current.phase === 'ready')) target.setDetail({ id, phase: 'loading' });
      await afterPaint();
      if (target.selectedId() !== id) return;
      await load(id);
    },
  };
}
