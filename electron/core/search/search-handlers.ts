// Desk API handlers for the windowed grid's rows, search and saved views (SEARCH_METHODS). Everything reads the local
// cache only, so it all works offline.
import type { SEARCH_METHODS } from '../../../shared/desk-api/search-contract.js';
import type { LocalCache } from '../cache/local-cache.js';
import type { Handlers } from '../handler-types.js';
import type { SearchIndexKeeper } from './search-index-keeper.js';

/**
 * `utcOffsetMinutes`: the centre's clock (the working calendar's), which the search days «с»/«по» are days of.
 * `index`: the pass after a long pull, which a search waits for, so it never misses an appeal the cache holds.
 */
export function createSearchHandlers(cache: LocalCache, utcOffsetMinutes: number,
  index: Pick<SearchIndexKeeper, 'caughtUp'>): Handlers<typeof SEARCH_METHODS> {
  return {
    'appeals.rows': ({ ids }) => ({ rows: cache.rows.rows(ids) }),
    'search.query': async (query) => {
      await index.caughtUp();
      return cache.search.search(query, cache.targets.list(), { utcOffsetMinutes });
    },
    'views.list': () => ({ views: cache.views.list() }),
    'views.save': ({ name, query }) => cache.views.save(name, query),
    'views.delete': ({ id }) => {
      // Idempotent, like dismissing a conflict: a second delete is not an error.
      cache.views.delete(id);
      return {};
    },
  };
}
