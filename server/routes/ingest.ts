// POST /appeals (connectors): new appeals enter as status `new`, version 1; known ids are left untouched.
import type { IngestRequest, IngestResponse } from '../../shared/central-api/contract.js';
import type { CentralStore } from '../store/central-store.js';

export function ingestRoute(store: CentralStore, hooks: { onAccepted?: (head: number) => Promise<void> | void } = {}) {
  return async (input: IngestRequest): Promise<IngestResponse> => {
    const { accepted, duplicates, head } = await store.insertNewAppeals(input.appeals.map((incoming) => ({
      ...incoming,
      status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null, routedAt: null,
    })));
    // After the commit: desks told to pull must find the new appeals there.
    if (accepted > 0) await hooks.onAccepted?.(head);
    return { accepted, duplicates };
  };
}
