// POST /appeals (connectors): new appeals enter as status `new`, version 1; known ids are left untouched.
import type { IngestRequest, IngestResponse } from '../../shared/central-api/contract.js';
import type { Store } from '../store.js';

export function ingestRoute(store: Store, hooks: { onAccepted?: () => void } = {}) {
  return (input: IngestRequest): IngestResponse => {
    const result = store.transaction(() => {
      let accepted = 0;
      let duplicates = 0;
      for (const incoming of input.appeals) {
        if (store.appealById(incoming.id)) {
          duplicates += 1;
          continue;
        }
        store.insertAppeal({
          ...incoming,
          status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null, routedAt: null,
        });
        accepted += 1;
      }
      return { accepted, duplicates };
    });
    // After the commit: desks told to pull must find the new appeals there.
    if (result.accepted > 0) hooks.onAccepted?.();
    return result;
  };
}
