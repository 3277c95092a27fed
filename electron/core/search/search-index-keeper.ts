// Gives the search text to the documents a long pull left waiting (search-index.ts): after the pull, a chunk per
// turn of the event loop, so desk calls are answered between chunks; at start-up it resumes from the marker a kill
// mid-pull or mid-pass left. A search waits for every document stored before it was asked, so once a sync has
// completed, search finds every appeal it brought.
import type { SyncStatus } from '../../../shared/desk-api/sync-contract.js';
import { writeDerived } from '../cache/derived-write.js';
import type { LocalCache } from '../cache/local-cache.js';
import type { DeskEventHub } from '../desk-events.js';

/** Work per turn of the event loop, one commit: a desk call (a key press's rows) waits at most about this long. */
const INDEX_CHUNK_MS = 10;
/** Documents between looks at the clock: ~2 ms of folding and FTS writes. */
const BATCH = 50;

export interface SearchIndexKeeper {
  /** Resolves once every appeal stored so far is searchable (at once when no pass is pending). */
  caughtUp(): Promise<void>;
  close(): void;
}

export interface SearchIndexKeeperContext {
  cache: LocalCache;
  events: DeskEventHub;
  log: (line: string) => void;
}

export function startSearchIndexKeeper({ cache, events, log }: SearchIndexKeeperContext): SearchIndexKeeper {
  const index = cache.searchIndex;
  const waiting: { through: number; resolve: () => void }[] = [];
  let chunk: NodeJS.Immediate | null = null;
  let closed = false;
  // While a long pull runs the pass waits for its end (on the same thread, every chunk would lengthen the pull),
  // unless a search is waiting for it.
  let longPull = false;

  const release = (all: boolean): void => {
    const from = all ? null : index.pendingFrom();
    for (let i = waiting.length - 1; i >= 0; i--) {
      const waiter = waiting[i];
      if (waiter && (from === null || waiter.through < from)) {
        waiting.splice(i, 1);
        waiter.resolve();
      }
    }
  };

  const step = (): void => {
    chunk = null;
    if (closed || (longPull && waiting.length === 0)) return;
    let more = false;
    try {
      const started = performance.now();
      // Derived rows, written again from the marker whenever lost: no commit fsync (derived-write.ts) for each of a
      // first sync's hundreds of chunks. A power loss drops a chunk's text together with the marker's move past it.
      writeDerived(cache.db, () => cache.transaction(() => {
        do more = index.indexPending(BATCH);
        while (more && performance.now() - started < INDEX_CHUNK_MS);
      }));
    } catch (error) {
      // The cache closing or the disk full: the marker stays and the next sync or search resumes; a waiting search
      // answers from what is indexed rather than never.
      log(`search index: pass failed: ${error instanceof Error ? error.message : String(error)}`);
      release(true);
      return;
    }
    release(false);
    if (more) chunk = setImmediate(step);
  };

  const resume = (): void => {
    if (!closed && chunk === null && index.pendingFrom() !== null) chunk = setImmediate(step);
  };

  events.on('sync.status', (payload) => {
    const status = payload as SyncStatus;
    longPull = status.state === 'syncing' && status.progress !== null;
    if (!longPull) resume();
  });
  resume();

  return {
    caughtUp() {
      const from = index.pendingFrom();
      const through = index.lastDoc();
      // A long pull of changes to cached appeals only sets the marker past every document: nothing to wait for.
      if (closed || from === null || through < from) return Promise.resolve();
      const caught = new Promise<void>((resolve) => waiting.push({ through, resolve }));
      resume();
      return caught;
    },
    close() {
      closed = true;
      if (chunk !== null) clearImmediate(chunk);
      chunk = null;
      release(true);
    },
  };
}
