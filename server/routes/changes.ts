// GET /changes: appeals whose change sequence is past the client's cursor, in sequence order.
import type { ChangesQuery, ChangesResponse } from '../../shared/central-api/contract.js';
import type { CentralStore } from '../store/central-store.js';

export function changesRoute(store: CentralStore) {
  return async (input: ChangesQuery): Promise<ChangesResponse> => {
    const after = input.cursor ?? '0';
    // One extra row tells whether another page exists without a count query.
    const { rows, head } = await store.changesAfter(BigInt(after), input.limit + 1);
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    const cursor = last ? String(last.seq) : after;
    const hasMore = rows.length > input.limit;
    return {
      appeals: page.map((r) => r.appeal),
      cursor,
      hasMore,
      // Counted only when another page exists: the last page (every incremental pull) costs no count query.
      remaining: hasMore ? await store.countChangesAfter(BigInt(cursor)) : 0,
      head: String(head),
    };
  };
}
