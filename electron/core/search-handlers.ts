// Desk API handlers for the windowed grid, search and saved views (spread into the handler map in
// desk-handlers.ts). Everything reads the local cache only, so it all works offline.
import type { LocalCache } from './cache/local-cache.js';
import { SearchUnsupported } from './cache/search-store.js';
import { DeskFailure } from './desk-failure.js';
import type { DeskHandlers } from './desk-handlers.js';

type SearchHandlers = Pick<DeskHandlers,
  'inbox.ids' | 'appeals.rows' | 'search.query' | 'views.list' | 'views.save' | 'views.delete'>;

export function createSearchHandlers(cache: LocalCache): SearchHandlers {
  return {
    'inbox.ids': ({ order }) => ({ ids: cache.rows.inboxIds(order) }),
    'appeals.rows': ({ ids }) => ({ rows: cache.rows.rows(ids) }),
    'search.query': (query) => {
      try {
        return cache.search.search(query, cache.targets.list());
      } catch (error) {
        if (error instanceof SearchUnsupported) throw new DeskFailure('bad_request', error.message);
        throw error;
      }
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
