// GET /changes: appeals whose change sequence is past the client's cursor, in sequence order.
import type { ChangesQuery, ChangesResponse } from '../../shared/central-api/contract.js';
import type { Store } from '../store.js';

export function changesRoute(store: Store) {
  return (input: ChangesQuery): ChangesResponse => {
    const after = input.cursor ?? '0';
    // One extra row tells whether another page exists without a count query.
    const rows = store.changesAfter(BigInt(after), input.limit + 1);
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    return {
      appeals: page.map((r) => r.appeal),
      cursor: last ? String(last.seq) : after,
      hasMore: rows.length > input.limit,
    };
  };
}
