// The operator's view in Chromium through the harness, over the cache filled by the ingest bench:
// cold_open_ms (harness start to the first row painted, median of six starts per core placement, each on a settled
// machine), inbox_key_p95_ms (ArrowDown to the next painted frame, 500 presses), route_key_p95_ms (digit key to the
// row gone from the list, painted), renderer_heap_mb after loading.
// Key timings are taken inside the page: from the keydown event's timestamp to a task queued from the first
// animation frame that shows the change (so the frame with it has been produced).
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { coreHostWorkerBundle } from '../harness/core-host-build.js';
import { startHarness } from '../harness/start-harness.js';
import { percentile, round, type BenchModule } from './bench-types.js';
import { waitForQuietMachine } from './machine-quiet.js';

const SELECTED = '[role="row"][aria-selected="true"]';

// Plain JavaScript on purpose: functions passed to page.evaluate from tsx get esbuild's __name() helpers, which
// do not exist in the page.
const PROBE = `(() => {
  const selected = ${JSON.stringify(SELECTED)};
  const probe = { samples: [], frameStarts: [], mode: 'move' };
  window.__bench = probe;
  window.addEventListener('keydown', (event) => {
    const before = document.querySelector(selected)?.getAttribute('data-appeal-id') ?? null;
    const start = event.timeStamp;
    const done = () => {
      const now = document.querySelector(selected)?.getAttribute('data-appeal-id') ?? null;
      if (probe.mode === 'move') return now !== before;
      return before !== null && document.querySelector('[data-appeal-id="' + before + '"]') === null && now !== null;
    };
    const frame = () => {
      if (!done()) { requestAnimationFrame(frame); return; }
      probe.frameStarts.push(performance.now() - start);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { probe.samples.push(performance.now() - start); };
      channel.port2.postMessage(null);
    };
    // Capture phase: the app's own handler runs after this and before the frame.
    requestAnimationFrame(frame);
  }, { capture: true });
})()`;

/** Installs the in-page probe: each keydown records one sample once its effect is on screen. */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(PROBE);
}

async function pressAndMeasure(page: Page, code: string, count: number, mode: 'move' | 'route'):
  Promise<{ samples: number[]; frameStarts: number[] }> {
  await page.evaluate(`window.__bench.samples.length = 0; window.__bench.frameStarts.length = 0; window.__bench.mode = '${mode}';`);
  for (let i = 1; i <= count; i++) {
    await page.keyboard.press(code);
    // A string evaluated over CDP (page.waitForFunction would eval() inside the page, which its CSP forbids).
    await page.evaluate(`new Promise((resolve) => { const check = () => window.__bench.samples.length >= ${i}
      ? resolve(true) : requestAnimationFrame(check); check(); })`);
  }
  return page.evaluate<{ samples: number[]; frameStarts: number[] }>(
    '({ samples: [...window.__bench.samples], frameStarts: [...window.__bench.frameStarts] })');
}

const EMPTY = { samples: [], frameStarts: [] };

async function settle(ctx: Parameters<BenchModule['run']>[0], coreThread: string, before: string): Promise<void> {
  const quiet = await waitForQuietMachine();
  ctx.log(`ui: (${coreThread}) machine settled before ${before} in ${Math.round(quiet.waitedMs)} ms${quiet.settled ? ''
    : `; did not settle (${Math.round(quiet.lastBusyShare * 100)} % busy): measured anyway`}`);
}

/** One round: a harness on the synced cache, a fresh page, cold open, heap, then the key samples. */
interface Round { coldOpenMs: number; heapMb: number; moves: { samples: number[]; frameStarts: number[] };
  routes: { samples: number[]; frameStarts: number[] } }

async function measureRound(ctx: Parameters<BenchModule['run']>[0], browser: Browser, coreThread: 'worker' | 'same',
  moveCount: number, routeCount: number): Promise<Round> {
  if (ctx.syncedDeskDir === null) throw new Error('ui bench needs the ingest bench first');
  // Each start on a settled machine: the previous round's harness (its routing worker rescoring after that round's
  // decisions) would otherwise be part of this round's cold open.
  await settle(ctx, coreThread, 'start');
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU', timezoneId: 'Asia/Novosibirsk' });
  const started = performance.now();
  // The page is opened as soon as the harness listens, while the core starts: as Electron loads its window while the
  // core's utility process starts. With the core on the harness's own thread its start blocks the page's requests
  // meanwhile (as it blocked Electron's main process before #12).
  const opening: { page: Promise<unknown> | null } = { page: null };
  const open = (url: string): void => {
    opening.page = page.goto(url);
    opening.page.catch(() => undefined); // awaited below; a harness that fails to start closes the page first
  };
  const harness = await startHarness({ apiUrl: ctx.server.url, dataDir: ctx.syncedDeskDir, syncIntervalMs: 3_600_000,
    pushDelayMs: 2_000, coreThread, onListening: open }).catch(async (error: unknown) => {
    await page.close();
    throw error;
  });
  try {
    try {
      await (opening.page ?? page.goto(harness.url));
      await page.locator(SELECTED).waitFor({ timeout: 120_000 });
      const coldOpenMs = performance.now() - started;
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = await cdp.send('Runtime.getHeapUsage');
      await installProbe(page);
      // Keys are measured on a settled desk: the routing worker's rescoring after the previous round's decisions (tens
      // of seconds of one core at 100,000 waiting appeals) would otherwise fall on one placement's round and not the
      // other's. That contention is real on an operator's PC too, but it is the same job in both placements.
      if (moveCount + routeCount === 0) return { coldOpenMs, heapMb: heap.usedSize / (1024 * 1024), moves: EMPTY, routes: EMPTY };
      await settle(ctx, coreThread, 'keys');
      const moves = await pressAndMeasure(page, 'ArrowDown', moveCount, 'move');
      const routes = await pressAndMeasure(page, 'Digit1', routeCount, 'route');
      return { coldOpenMs, heapMb: heap.usedSize / (1024 * 1024), moves, routes };
    } finally {
      await page.close();
    }
  } finally {
    await harness.close();
  }
}

const pooled = (rounds: Round[], pick: (round: Round) => number[]): number[] => rounds.flatMap(pick);
const median = (values: number[]): number => percentile(values, 50);

export const uiBench: BenchModule = {
  name: 'ui',
  async run(ctx) {
    const executablePath = ['/usr/bin/chromium'].find((p) => existsSync(p));
    const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-gpu'] });
    // The harness bundles its core worker once per process (core-host-build.ts); a packaged app ships it built, so
    // that one-time build is not part of the cold open.
    await coreHostWorkerBundle(ctx.log);
    try {
      // The core in its own worker thread (as Electron runs it, in a utility process) against the core on the
      // harness's own thread (the layout before #12), alternated in one run on the same data, so that the machine's
      // load falls on both alike: the figures are the worker's, the *_same_thread ones the comparison.
      // A first round on a cold machine (the page cache after the ingest's writes, the browser's first page, the JIT)
      // has tails neither placement owns: it is run and thrown away. Then A B B A, so that a drift over the run (the
      // machine warming up or slowing down) falls on both placements alike rather than on whichever went first.
      await measureRound(ctx, browser, 'same', 100, 20);
      const rounds: Record<'worker' | 'same', Round[]> = { worker: [], same: [] };
      for (const coreThread of ['worker', 'same', 'same', 'worker'] as const) {
        const measured = await measureRound(ctx, browser, coreThread, 250, 50);
        ctx.log(`ui: round (${coreThread}): ArrowDown p95 ${round(percentile(measured.moves.samples, 95))} ms, `
          + `routing key p95 ${round(percentile(measured.routes.samples, 95))} ms, cold open ${Math.round(measured.coldOpenMs)} ms`);
        rounds[coreThread].push(measured);
      }
      // Two samples per placement make a noisy median of the cold open: more starts, no keys, in the same order.
      const coldOpens: Record<'worker' | 'same', number[]> = { worker: rounds.worker.map((r) => r.coldOpenMs),
        same: rounds.same.map((r) => r.coldOpenMs) };
      for (const coreThread of ['worker', 'same', 'same', 'worker', 'worker', 'same', 'same', 'worker'] as const) {
        coldOpens[coreThread].push((await measureRound(ctx, browser, coreThread, 0, 0)).coldOpenMs);
      }
      ctx.log(`ui: cold opens, worker ${coldOpens.worker.map(Math.round).join(', ')}; same thread ${coldOpens.same.map(Math.round).join(', ')} ms`);
      const { worker, same } = rounds;
      const moves = pooled(worker, (r) => r.moves.samples);
      const routes = pooled(worker, (r) => r.routes.samples);
      ctx.log(`ui: Chromium ${browser.version()}, ${moves.length} ArrowDown, ${routes.length} routing keys measured per core placement`);
      return {
        cold_open_ms: Math.round(median(coldOpens.worker)),
        inbox_key_p95_ms: round(percentile(moves, 95)),
        inbox_key_p50_ms: round(percentile(moves, 50)),
        route_key_p95_ms: round(percentile(routes, 95)),
        route_key_p50_ms: round(percentile(routes, 50)),
        // Diagnostic, not the target: keydown to the start of the frame that shows the change (input delay, the
        // app's handling, the wait for that frame) — without the frame's own rendering and the end marker's task.
        inbox_key_to_frame_p95_ms: round(percentile(pooled(worker, (r) => r.moves.frameStarts), 95)),
        route_key_to_frame_p95_ms: round(percentile(pooled(worker, (r) => r.routes.frameStarts), 95)),
        renderer_heap_mb: round(median(worker.map((r) => r.heapMb))),
        cold_open_same_thread_ms: Math.round(median(coldOpens.same)),
        inbox_key_p95_same_thread_ms: round(percentile(pooled(same, (r) => r.moves.samples), 95)),
        route_key_p95_same_thread_ms: round(percentile(pooled(same, (r) => r.routes.samples), 95)),
      };
    } finally {
      await browser.close();
    }
  },
};
