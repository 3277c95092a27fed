// POST /appeals (connectors): new appeals enter as status `new`, version 1; known ids are left untouched. A time
// received ahead of the server's clock (a connector whose clock is off) is taken as now: an appeal dated three days
// ahead sat first in every inbox, its deadline days away (trial of 4 December). The answer names the ones adjusted.
import type { IngestRequest, IngestResponse } from '../../shared/central-api/contract.js';
import type { CentralStore } from '../store/central-store.js';

/** Clocks differ by seconds, not minutes: beyond this a time ahead is the connector's error. */
export const RECEIVED_AHEAD_TOLERANCE_MS = 5 * 60_000;

export function ingestRoute(store: CentralStore, hooks: {
  onAccepted?: (head: number) => Promise<void> | void;
  now?: () => number;
  log?: (line: string) => void;
} = {}) {
  return async (input: IngestRequest): Promise<IngestResponse> => {
    const nowMs = (hooks.now ?? Date.now)();
    const receivedNow: string[] = [];
    const { accepted, duplicates, head } = await store.insertNewAppeals(input.appeals.map((incoming) => {
      const ahead = Date.parse(incoming.receivedAt) - nowMs > RECEIVED_AHEAD_TOLERANCE_MS;
      if (ahead) receivedNow.push(incoming.id);
      return {
        ...incoming,
        ...(ahead ? { receivedAt: new Date(nowMs).toISOString() } : {}),
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
