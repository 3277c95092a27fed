// Desk API handlers for the windowed grid's rows, search and saved views (spread into the handler map in
// desk-handlers.ts; inbox.ids is the cluster handlers', which fold surges). Everything reads the local cache only, so it all works offline.
import type { LocalCache } from './cache/local-cache.js';
import type { DeskHandlers } from './desk-handlers.js';

type SearchHandlers = Pick<DeskHandlers,
  'appeals.rows' | 'search.query' | 'views.list' | 'views.save' | 'views.delete'>;

export function createSearchHandlers(cache: LocalCache): SearchHandlers {
  return {
    'appeals.rows': ({ ids }) => ({ rows: cache.rows.rows(ids) }),
    'search.query': (query) => cache.search.search(query, cache.targets.list()),
    'views.list': () => ({ views: cache.views.list() }),
    'views.save': ({ name, query }) => cache.views.save(name, query),
    'views.delete': ({ id }) => {
      // Idempotent, like dismissing a conflict: a second delete is not an error.
      cache.views.delete(id);
      return {};
    },
  };
}
