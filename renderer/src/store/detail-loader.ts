// The detail pane's appeal for whichever grid selected it (inbox, search). A key press paints the selection first
// and asks the core afterwards; the appeal the operator is likely to land on next (the row after the new selection,
// in the direction of the move) is fetched ahead into a small cache, so that on the next press the detail is painted
// in the same frame as the selection: one render per key instead of two, and no core round trip on the key's path.
// A cached copy is used only while it is young and no change event has named its appeal; the core stays the truth.
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
   * Show `id` (just selected): from the cache at once when a fresh copy is there, else loaded after paint; then fetch
   * `ahead` (the likely next selection) into the cache without painting anything.
   */
  show(id: string | null, ahead: string | null): Promise<void>;
  /** Load `id` from the core again (its appeal changed) if it is still the selection when the answer comes. */
  reload(id: string | null): Promise<void>;
  /**
   * The core says these appeals changed (all when empty): their copies are dropped, and an answer on its way for one
   * of them is not kept when it lands (it may predate the change). The lists call this from their change handler.
   */
  forget(ids: readonly string[]): void;
}

/** A few screens of moves either way; each entry is one appeal's detail. */
const CACHE_LIMIT = 24;
/**
 * How long a prefetched copy may stand in for the core's answer. Changes the desk learns of arrive as events and drop
 * the copy at once; this bounds what no event names (a deadline's wording, a colleague's hold shown in the detail).
 */
export const DETAIL_FRESH_MS = 3_000;

interface Cached { local: LocalAppeal; fetchedAt: number }

export function createDetailLoader(target: DetailTarget, now: () => number = () => performance.now()): DetailLoader {
  const cache = new Map<string, Cached>();
  const fetching = new Map<string, Promise<void>>();
  const fresh = (id: string): LocalAppeal | null => {
    const hit = cache.get(id);
    if (!hit || now() - hit.fetchedAt > DETAIL_FRESH_MS) return null;
    return hit.local;
  };

  const remember = (id: string, local: LocalAppeal, fetchedAt: number): void => {
    cache.delete(id); // re-inserted last: Map order is the eviction order
    cache.set(id, { local, fetchedAt });
    for (const oldest of cache.keys()) {
      if (cache.size <= CACHE_LIMIT) break;
      cache.delete(oldest);
    }
  };

  /** Fetches `id` into the cache unless a fresh copy is there or on its way; paints nothing. */
  const prefetch = (id: string): Promise<void> => {
    if (fresh(id) !== null) return Promise.resolve();
    const running = fetching.get(id);
    if (running) return running;
    const asked = now();
    const done = deskCall('appeals.get', { id }).then((result) => {
      // An event naming this appeal while the answer travelled makes the answer suspect: it is not kept.
      if (result.ok && fetching.get(id) === done) remember(id, result.value, asked);
    }).finally(() => { if (fetching.get(id) === done) fetching.delete(id); });
    fetching.set(id, done);
    return done;
  };

  async function load(id: string): Promise<void> {
    const asked = now();
    const result = await deskCall('appeals.get', { id });
    if (result.ok) remember(id, result.value, asked);
    if (target.selectedId() !== id) return;
    if (!result.ok) {
      target.setDetail({ id, phase: 'failed', message: result.error.message });
      return;
    }
    target.setDetail({ id, phase: 'ready', local: result.value });
  }

  return {
    async show(id, ahead) {
      if (id === null) {
        target.setDetail(null);
        return;
      }
      const cached = fresh(id);
      const current = target.detail();
      if (cached !== null) target.setDetail({ id, phase: 'ready', local: cached });
      else if (!(current?.id === id && current.phase === 'ready')) target.setDetail({ id, phase: 'loading' });
      // The selection is painted first; a key held down asks only for the appeal it stops on.
      await afterPaint();
      if (target.selectedId() !== id) return;
      if (cached === null) {
        const running = fetching.get(id);
        if (running) await running;
        if (target.selectedId() !== id) return;
        const arrived = fresh(id);
        if (arrived !== null) target.setDetail({ id, phase: 'ready', local: arrived });
        else await load(id);
      }
      if (ahead !== null && ahead !== id && target.selectedId() === id) await prefetch(ahead);
    },
    forget(ids) {
      if (ids.length === 0) {
        cache.clear();
        fetching.clear();
      }
      for (const id of ids) {
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
