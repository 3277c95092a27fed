// A diagnostic listener on the server's live channel (as the shift lead): when each `changes` event left the server
// and reached a bystander. Splits a slow decision-to-gone into "the server announced it late" and "the desks took
// long to pull and show it". Not a desk: it never pulls and holds nothing.
import { API_PREFIX } from '../../shared/central-api/contract.js';
import { readServerSentEvents } from '../../electron/core/team/sse-reader.js';

export interface LiveProbe {
  /** Arrival times (epoch ms) of `changes` events, in order. */
  changes: { head: string; at: number }[];
  close(): Promise<void>;
}

export async function startLiveProbe(url: string, token: string): Promise<LiveProbe> {
  const stop = new AbortController();
  const changes: LiveProbe['changes'] = [];
  const response = await fetch(`${url}${API_PREFIX}/live`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: stop.signal,
  });
  if (!response.ok || !response.body) throw new Error(`live probe: HTTP ${response.status}`);
  const reading = readServerSentEvents(response.body, stop.signal, (event) => {
    if (event.event !== 'changes') return;
    try {
      changes.push({ head: String((JSON.parse(event.data) as { head: unknown }).head), at: Date.now() });
    } catch {
      // not JSON: ignored, the probe only times events
    }
  }).catch(() => undefined);
  return {
    changes,
    async close() {
      stop.abort();
      await reading;
    },
  };
}
