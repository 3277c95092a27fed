// When two searches are the same search: one rule for the renderer (skip a run whose answer is on screen) and the core
// (saving a search already saved under another name makes no second entry).
import { foldForSearch } from './search-fold.js';
import type { SearchQuery } from './search-query.js';

/**
 * The same search written the same way: spaces and case in the text do not matter (the core folds them too),
 * nor does the order filters were clicked in. Punctuation does: typed on the wrong layout it is letters («,» is «б»).
 */
export function queryKey(q: SearchQuery): string {
  const text = foldForSearch(q.text).trim().split(/\s+/).filter(Boolean).join(' ');
  return JSON.stringify([text, [...q.sources].sort(), [...q.statuses].sort(), q.targetId, q.municipalityId,
    q.fromDay, q.toDay, q.overdue]);
}
