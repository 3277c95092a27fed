// The pull step of a sync run: /changes page by page from the stored cursor, each page committed with the cursor
// (a crash re-pulls a page, never skips one), pending decisions rebased on what arrives, progress for a long pull.
import { formatCountRu } from '../../shared/text/number-ru.js';
import { MAX_CHANGES_LIMIT, type ChangesResponse } from '../../shared/central-api/contract.js';
import type { SyncStatus } from '../../shared/desk-api/contract.js';
import type { LocalCache } from './cache/local-cache.js';
import type { CentralApiClient } from './central-api-client.js';
import type { Clock } from './clock.js';
import type { DeskEventHub } from './desk-events.js';
import { storeServerAppeal } from './local-view.js';
import type { SyncLogLevel } from './sync-log.js';

/** Pages as large as the contract allows: fewer round trips and fsyncs on a first sync of a big inbox. */
export const PULL_PAGE_SIZE = MAX_CHANGES_LIMIT;
/** Above this many changed ids one pull page reports "many" (an empty list) instead of every id. */
export const MAX_IDS_PER_EVENT = 500;

export type PullProgress = NonNullable<SyncStatus['progress']>;

export interface PullContext {
  cache: LocalCache;
  api: CentralApiClient;
  events: DeskEventHub;
  clock: Clock;
  log: (line: string) => void;
  journal: (level: SyncLogLevel, event: string, message: string) => void;
  isClosed: () => boolean;
  /** Progress of a long pull (a first sync); called only when there is something to show. */
  onProgress: (progress: PullProgress) => void;
}

/** A pull shows a progress bar only when this many appeals are still to come after the first page. */
const PROGRESS_MIN_REMAINING = 1;

const serverWentBack = (cursor: string | null, page: ChangesResponse): boolean =>
  cursor !== null && page.head !== undefined && BigInt(page.head) < BigInt(cursor);

export async function pullChanges(ctx: PullContext): Promise<void> {
  const { cache, api } = ctx;
  const stored = cache.meta.get('cursor');
  let cursor = typeof stored === 'string' ? stored : null;
  // Set while re-pulling everything after the server went back in time; survives a crash mid-way.
  let replace = cache.meta.get('resyncFromStart') === true;
  const startedMs = ctx.clock.now();
  let done = 0;
  let showingProgress = false;
  let longPull = false;
  // The next page, asked for before this one is stored: the server builds it while the cache writes.
  let prefetched: Promise<ChangesResponse> | null = null;
  while (!ctx.isClosed()) {
    const page = await (prefetched ?? api.changes(cursor, PULL_PAGE_SIZE));
    prefetched = null;
    if (page.hasMore && page.cursor !== cursor && !serverWentBack(cursor, page)) {
      prefetched = api.changes(page.cursor, PULL_PAGE_SIZE);
      // Awaited on the next turn; a failure then, or never when the store below throws (the run fails anyway).
      prefetched.catch(() => undefined);
      await new Promise<void>((resolve) => setImmediate(resolve)); // let the request leave before the write
    }
    if (serverWentBack(cursor, page)) {
      // Our cursor is ahead of everything the server has: it was restored from an older backup. Re-pull from the
      // start and take its state as the truth; pending decisions stay in the outbox and are rebased on top.
      ctx.log(`sync: cursor ${cursor} ahead of server head ${page.head}; re-pulling from the start`);
      ctx.journal('warn', 'cursor-ahead',
        `Сервер восстановлен из резервной копии: все обращения загружаются заново (для ИТ: позиция ${cursor}, на сервере ${page.head})`);
      cache.transaction(() => {
        cache.meta.delete('cursor');
        cache.meta.set('resyncFromStart', true);
      });
      cursor = null;
      replace = true;
      continue;
    }
    // A pull of more than one page leaves the search text to one pass after it (search-index-keeper.ts); a single
    // page (an incremental sync) is searchable when it commits, as long as no such pass is pending.
    longPull ||= page.hasMore;
    // The page and the cursor commit together: a crash re-pulls the page, never skips it.
    const ids = cache.transaction(() => {
      const written: string[] = [];
      const options = {
        replace, pending: cache.outbox.pendingAppealIds(), deferIndex: cache.searchIndex.deferring(longPull),
      };
      for (const appeal of page.appeals) if (storeServerAppeal(cache, appeal, options)) written.push(appeal.id);
      cache.meta.set('cursor', page.cursor);
      if (replace && !page.hasMore) cache.meta.delete('resyncFromStart');
      return written;
    });
    done += page.appeals.length;
    if (page.appeals.length > 0) {
      ctx.log(`sync: pulled ${page.appeals.length}, stored ${ids.length}`);
      // Counts grouped as everywhere the desk shows one («осталось: 12 000», not «12000»).
      ctx.journal('info', 'pull', `Получено обращений: ${formatCountRu(page.appeals.length)}, сохранено: ${formatCountRu(ids.length)}` +
        (page.remaining !== undefined && page.remaining > 0 ? `, осталось: ${formatCountRu(page.remaining)}` : ''));
    }
    const remaining = page.hasMore ? page.remaining : 0;
    if (remaining !== undefined && (showingProgress || remaining >= PROGRESS_MIN_REMAINING)) {
      showingProgress = true;
      ctx.onProgress(progressOf(remaining, done, ctx.clock.now() - startedMs));
    }
    if (ids.length > 0) ctx.events.emit('appeals.changed', { ids: ids.length > MAX_IDS_PER_EVENT ? [] : ids });
    const advanced = page.cursor !== cursor;
    cursor = page.cursor;
    // A server that says "more" without moving the cursor would make us spin: stop and try next run.
    if (!page.hasMore || !advanced) return;
  }
}

/** Appeals so far / total, rate and time left, for the progress bar of a long pull (first sync). */
function progressOf(remaining: number, done: number, elapsedMs: number): PullProgress {
  const seconds = Math.max(0.001, elapsedMs / 1000);
  const perSecond = Math.round((done / seconds) * 10) / 10;
  return { done, total: done + remaining, perSecond, secondsLeft: perSecond > 0 ? Math.ceil(remaining / perSecond) : null };
}
