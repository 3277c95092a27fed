// The server bench's two load phases, run by N simulated desks at once (each a loop with one request in flight):
// decisions (every desk routes a distinct new appeal per POST /mutations: no conflicts) and the change feed (every desk
// pulls the whole feed from cursor 0, 1000 rows a page, and starts over). A phase runs a warm-up, then a measured
// window; what completes inside the window counts, with its latency.
import { ChangesResponse, type Mutation, type MutationsResponse } from '../../shared/central-api/contract.js';
import { percentile, round } from './bench-types.js';
import { jsonReply, summarisePage, type LoadClient } from './server-load-http.js';

export interface Desk {
  login: string;
  token: string;
}

export interface PhaseWindow {
  warmupMs: number;
  measureMs: number;
}

export interface PhaseFigures {
  /** Decisions applied or /changes rows received per second of the measured window. */
  perSecond: number;
  /** Requests completed in the window (decisions: one each; changes: pages). */
  requests: number;
  rows: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  errors: number;
  /** The window actually measured (shorter when the decision pool ran dry). */
  seconds: number;
  firstError?: string;
}

/** New appeals handed out once each, in order, to whichever desk asks next. */
export class AppealPool {
  private next = 0;
  constructor(private readonly ids: string[]) {}
  add(ids: readonly string[]): void {
    this.ids.push(...ids);
  }
  get left(): number {
    return this.ids.length - this.next;
  }
  take(): string | undefined {
    const id = this.ids[this.next];
    if (id !== undefined) this.next += 1;
    return id;
  }
}

interface Tally {
  latencies: number[];
  rows: number;
  errors: number;
  firstError?: string;
  /** When the pool ran dry (ms, performance clock), or null. */
  dryAt: number | null;
}

function figures(tally: Tally, startAt: number, endAt: number): PhaseFigures {
  const end = tally.dryAt !== null ? Math.min(endAt, tally.dryAt) : endAt;
  const seconds = Math.max(0.001, (end - startAt) / 1000);
  return {
    perSecond: round(tally.rows / seconds, 0),
    requests: tally.latencies.length,
    rows: tally.rows,
    p50Ms: round(percentile(tally.latencies, 50), 1),
    p95Ms: round(percentile(tally.latencies, 95), 1),
    maxMs: round(percentile(tally.latencies, 100), 1),
    errors: tally.errors,
    seconds: round(seconds, 2),
    ...(tally.firstError !== undefined ? { firstError: tally.firstError } : {}),
  };
}

function noteError(tally: Tally, message: string): void {
  tally.errors += 1;
  tally.firstError ??= message;
}

let mutationCounter = 0;
const runTag = Date.now().toString(36).toUpperCase();

/** Phase (a): every desk routes a distinct new appeal per request until the window closes. */
export async function runDecisions(client: LoadClient, desks: readonly Desk[], pool: AppealPool, targetIds: readonly string[],
  window: PhaseWindow): Promise<PhaseFigures> {
  const startAt = performance.now() + window.warmupMs;
  const endAt = startAt + window.measureMs;
  const tally: Tally = { latencies: [], rows: 0, errors: 0, dryAt: null };
  await Promise.all(desks.map(async (desk, d) => {
    while (performance.now() < endAt) {
      const appealId = pool.take();
      if (appealId === undefined) {
        tally.dryAt ??= performance.now();
        return;
      }
      mutationCounter += 1;
      const mutation: Mutation = {
        id: `BENCH${runTag}${String(mutationCounter).padStart(10, '0')}`, appealId, baseVersion: 1,
        createdAt: new Date().toISOString(), type: 'route', targetId: targetIds[(d + mutationCounter) % targetIds.length] ?? '',
      };
      const sent = performance.now();
      let ok = false;
      try {
        const reply = await client.request('POST', '/mutations', desk.token, { mutations: [mutation] });
        // Only the status is read (a full contract parse per decision would cost this process more than the request).
        const result = (jsonReply(reply, 'POST /mutations') as MutationsResponse).results[0];
        ok = result?.status === 'applied';
        if (!ok) noteError(tally, `mutation ${result?.status ?? 'missing'}: ${JSON.stringify(result?.error ?? null)}`);
      } catch (error) {
        noteError(tally, (error as Error).message);
      }
      const done = performance.now();
      if (done >= startAt && done <= endAt && ok) {
        tally.latencies.push(done - sent);
        tally.rows += 1;
      }
    }
  }));
  return figures(tally, startAt, endAt);
}

/** Phase (b): every desk pulls the whole feed from cursor 0, `limit` rows a page, and starts over, until the window closes. */
export async function runChanges(client: LoadClient, desks: readonly Desk[], limit: number, window: PhaseWindow): Promise<PhaseFigures> {
  const startAt = performance.now() + window.warmupMs;
  const endAt = startAt + window.measureMs;
  const tally: Tally = { latencies: [], rows: 0, errors: 0, dryAt: null };
  let checked = false;
  await Promise.all(desks.map(async (desk) => {
    let cursor = '0';
    while (performance.now() < endAt) {
      const sent = performance.now();
      try {
        const reply = await client.request('GET', `/changes?cursor=${cursor}&limit=${limit}`, desk.token);
        if (reply.status !== 200) throw new Error(`GET /changes: HTTP ${reply.status}: ${reply.body.toString('utf8').slice(0, 300)}`);
        const page = summarisePage(reply.body);
        if (!checked) {
          // The row count read off the bytes must agree with the contract's own parse, once per phase.
          checked = true;
          const full = ChangesResponse.parse(JSON.parse(reply.body.toString('utf8')));
          if (full.appeals.length !== page.rows || full.cursor !== page.cursor || full.hasMore !== page.hasMore) {
            throw new Error(`page summary ${JSON.stringify(page)} disagrees with the parsed page (${full.appeals.length} rows)`);
          }
        }
        const done = performance.now();
        if (done >= startAt && done <= endAt) {
          tally.latencies.push(done - sent);
          tally.rows += page.rows;
        }
        cursor = page.hasMore ? page.cursor : '0';
      } catch (error) {
        noteError(tally, (error as Error).message);
        cursor = '0';
      }
    }
  }));
  return figures(tally, startAt, endAt);
}
