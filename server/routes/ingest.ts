// POST /appeals (connectors): new appeals enter as status `new`, version 1; known ids are left untouched. A time
// received ahead of the server's clock (a connector whose clock is off) is taken as now (received-ahead.ts): an appeal
// dated three days ahead sat first in every inbox. The answer names the ones adjusted.
import type { IngestRequest, IngestResponse } from '../../shared/central-api/contract.js';
import { receivedAtToStore } from '../received-ahead.js';
import type { CentralStore } from '../store/central-store.js';

export function ingestRoute(store: CentralStore, hooks: {
  onAccepted?: (head: number) => Promise<void> | void;
  now?: () => number;
  log?: (line: string) => void;
} = {}) {
  return async (input: IngestRequest): Promise<IngestResponse> => {
    const nowMs = (hooks.now ?? Date.now)();
    const receivedNow: string[] = [];
    const { accepted, duplicates, head } = await store.insertNewAppeals(input.appeals.map((incoming) => {
      const { receivedAt, takenAsNow } = receivedAtToStore(incoming.receivedAt, nowMs);
      if (takenAsNow) receivedNow.push(incoming.id);
      return {
        ...incoming,
        receivedAt,
        status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null, routedAt: null,
      };
    }));
    if (receivedNow.length > 0) {
      hooks.log?.(`ingest: ${receivedNow.length} appeal(s) received ahead of the server's clock, stored as received now (first: ${receivedNow[0]})`);
    }
    // After the commit: desks told to pull must find the new appeals there.
    if (accepted > 0) await hooks.onAccepted?.(head);
    return { accepted, duplicates, ...(receivedNow.length > 0 ? { receivedNow } : {}) };
  };
}
