// GET /changes: appeals whose change sequence is past the client's cursor, in sequence order.
// The page goes out as the stored JSON of its appeals (sendsStoredJson) once the route table has checked them: a page
// of 1000 appeals is not serialised again.
import type { ChangesQuery, ChangesResponse } from '../../shared/central-api/contract.js';
import { sendsStoredJson } from '../route-table.js';
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
    const appeals = page.map((r) => r.appeal);
    const json = page.flatMap((r) => (r.json === undefined ? [] : [r.json]));
    return {
      appeals: json.length === appeals.length ? sendsStoredJson(appeals, json) : appeals,
      cursor,
      hasMore,
      // Counted only when another page exists: the last page (every incremental pull) costs no count query.
      remaining: hasMore ? await store.countChangesAfter(BigInt(cursor)) : 0,
      head: String(head),
    };
  };
}
