// Desk API of the windowed grid's rows, full-text search and saved views; all of it reads the local cache, so it
// works offline. Spread into DESK_METHODS in contract.ts.
import { z } from 'zod';
import { Identifier } from '../domain/identifier.js';
import { SavedView, SaveViewOutcome, SearchQuery, SearchResult } from '../search/search-query.js';
import { ListedRow } from './inbox-contract.js';
import { EmptyInput, type MethodTable } from './method-table.js';

/** Rows are fetched for the visible window only: at most this many ids per call. */
export const MAX_ROWS_PER_CALL = 500;

export const SEARCH_METHODS = {
  /** Grid rows for these ids (a visible window); unknown ids are left out. */
  'appeals.rows': {
    input: z.object({ ids: z.array(Identifier).max(MAX_ROWS_PER_CALL) }).strict(),
    output: z.object({ rows: z.array(ListedRow) }),
  },
  /** Full-text search with filters over every cached appeal; works offline. */
  'search.query': { input: SearchQuery, output: SearchResult },
  'views.list': { input: EmptyInput, output: z.object({ views: z.array(SavedView) }) },
  /**
   * Saves a search under a name, never as a second entry: a name already saved (case aside) gets the new query
   * (`updated`); a search already saved (shared/search/search-query-key.ts), under whatever name, is left as it is and
   * answered (`already-saved`, that view) — even when the name is another view's.
   */
  'views.save': {
    input: z.object({ name: z.string().trim().min(1).max(100), query: SearchQuery }).strict(),
    output: z.object({ view: SavedView, outcome: SaveViewOutcome }),
  },
  'views.delete': { input: z.object({ id: z.string().min(1).max(100) }).strict(), output: EmptyInput },
} as const satisfies MethodTable;
