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
    const cursor = last ? String(last.seq) : after;
    const hasMore = rows.length > input.limit;
    return {
      appeals: page.map((r) => r.appeal),
      cursor,
      hasMore,
      // Counted only when another page exists: the last page (every incremental pull) costs no count query.
      remaining: hasMore ? store.countChangesAfter(BigInt(cursor)) : 0,
      head: String(store.headSeq()),
    };
  };
}
