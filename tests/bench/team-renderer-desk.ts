// A team bench operator who works through the real renderer: the harness (a real desk core in this process, the
// renderer build served to Chromium) and a Playwright page driven by the keyboard like a person. The operator takes
// the row the desk selects; when the renderer marks it held by a colleague (data-hold="taken|decided" or
// data-held-by) the desk should move on by itself — if it does not, the operator presses Home (the first free row).
// On a row that is theirs (data-hold="mine"/"offline", or no hold marking at all before the renderer has team mode)
// they read for 5–20 s and press Digit1 (favourite slot 1), and the read is wasted if the row left the grid first.
// The grid's own list is watched through the page's desk calls: the moment an `inbox.ids` or `appeals.get` answer
// that drops a row reaches the page is when that desk's grid stopped listing it.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Request } from '@playwright/test';
import { CALL_PATH, startHarness } from '../harness/start-harness.js';
import { DeskObserver } from './team-desk-observer.js';
import { waitDeskDrained, waitDeskReady } from './team-desk-readiness.js';
import type { TeamDesk } from './team-headless-desk.js';
import { readingTimes, seededRandom } from './team-simulated-operator.js';
import { emptyLog, type DeskLog } from './team-types.js';
import type { HeadlessDeskOptions } from './team-headless-desk.js';

/** A desk driven through the renderer: what a headless desk needs, plus the browser and the renderer build. */
export interface RendererDeskOptions extends HeadlessDeskOptions {
  browser: Browser;
  rendererDir: string;
}

const SELECTED = '[role="row"][aria-selected="true"]';

interface SelectedInfo { id: string | null; hold: string | null; heldBy: string | null; index: number; freeShown: boolean }

// Plain JavaScript strings: functions passed to page.evaluate from tsx carry esbuild helpers the page lacks.
const SELECTED_INFO = `(() => {
  const row = document.querySelector(${JSON.stringify(SELECTED)});
  const free = document.querySelector('[role="grid"] [role="row"][data-appeal-id]:not([data-held-by])');
  if (!row) return null;
  return { id: row.getAttribute('data-appeal-id'), hold: row.getAttribute('data-hold'), heldBy: row.getAttribute('data-held-by'),
    index: Number(row.getAttribute('aria-rowindex') ?? '2') - 2, freeShown: free !== null };
})()`;

const rowPresent = (id: string): string =>
  `document.querySelector(${JSON.stringify(`[role="grid"] [role="row"][data-appeal-id=${JSON.stringify(id)}]`)}) !== null`;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Follows the renderer's list through its desk calls (the grid is virtualised: most rows are not in the DOM). */
function watchGrid(page: Page, log: DeskLog): void {
  const listed = new Set<string>();
  const ever = new Set<string>();
  const add = (id: string): void => {
    listed.add(id);
    if (!ever.has(id)) {
      ever.add(id);
      log.gridListed.push(id);
    }
  };
  let chain: Promise<void> = Promise.resolve();
  page.on('requestfinished', (request: Request) => {
    if (!request.url().endsWith(CALL_PATH)) return;
    const timing = request.timing();
    const at = timing.responseEnd >= 0 ? Math.round(timing.startTime + timing.responseEnd) : Date.now();
    let call: { method?: string; input?: { id?: string } };
    try {
      call = request.postDataJSON() as typeof call;
    } catch {
      return;
    }
    if (call.method !== 'inbox.ids' && call.method !== 'appeals.get') return;
    const body = request.response().then((response) => response?.json() as Promise<unknown>);
    chain = chain.then(async () => {
      const result = await body.catch(() => null) as { ok: boolean; value?: { ids?: string[]; appeal?: { id: string; status: string } } } | null;
      if (!result?.ok || !result.value) return;
      if (call.method === 'inbox.ids' && result.value.ids) {
        const now = new Set(result.value.ids);
        for (const id of [...listed]) {
          if (!now.has(id)) {
            listed.delete(id);
            log.gridGone.push({ appealId: id, at });
          }
        }
        for (const id of now) add(id);
      } else if (call.method === 'appeals.get' && result.value.appeal) {
        const { id, status } = result.value.appeal;
        if (status === 'new') add(id);
        else if (listed.delete(id)) log.gridGone.push({ appealId: id, at });
      }
    });
  });
}

export async function startRendererDesk(o: RendererDeskOptions): Promise<TeamDesk> {
  const coreLog = createWriteStream(join(o.dataDir, 'core.log'));
  const harness = await startHarness({
    apiUrl: o.apiUrl, dataDir: o.dataDir, rendererDir: o.rendererDir, login: { login: o.login, password: o.login },
    log: (line) => coreLog.write(`${new Date().toISOString()} ${line}\n`),
  });
  const session = await harness.core.call('session.get', {});
  const userId = session.ok ? (session.value as { user: { id: string } | null }).user?.id ?? o.login : o.login;
  const log = emptyLog(o.desk, userId, 'renderer');
  const nextReadMs = readingTimes(o.read, seededRandom(o.seed));
  let page: Page | null = null;
  let observer: DeskObserver | null = null;
  try {
    const ready = await waitDeskReady(harness.core, o.expectWaiting, log.notes);
    log.liveAtStart = ready.live;
    observer = new DeskObserver(harness.core, log);
    await observer.start();
    const context = await o.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU', timezoneId: 'Asia/Novosibirsk' });
    page = await context.newPage();
    page.on('pageerror', (error) => log.notes.push(`page error: ${error.message}`));
    watchGrid(page, log);
    await page.goto(harness.url);
    if (o.expectWaiting > 0) await page.locator(SELECTED).waitFor({ timeout: 120_000 });
    else await page.getByTestId('sync-status').waitFor({ timeout: 120_000 });
    if (o.order === 'urgency') await page.keyboard.press('KeyU');
  } catch (error) {
    await page?.context().close();
    observer?.stop();
    await harness.close();
    throw error;
  }
  const thePage = page;
  const theObserver = observer;

  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const info = async (): Promise<SelectedInfo | null> => thePage.evaluate<SelectedInfo | null>(SELECTED_INFO);
  /** Sleeps up to ms; false when the scenario ended meanwhile. */
  const rest = async (ms: number): Promise<boolean> => {
    const until = Date.now() + ms;
    while (!stopped && Date.now() < until) await sleep(Math.min(100, until - Date.now()));
    return !stopped;
  };

  async function operate(): Promise<void> {
    let lastLogged = '';
    while (!stopped) {
      let selected = await info();
      if (!selected?.id) {
        await rest(250);
        continue;
      }
      // The hold answer is on its way: wait for the row to say whose it is (at most 5 s).
      const askedAt = Date.now();
      while (selected?.hold === 'pending' && Date.now() - askedAt < 5_000 && !stopped) {
        await sleep(50);
        const now = await info();
        if (now?.id !== selected.id) break;
        selected = now;
      }
      if (!selected?.id || stopped) continue;
      const id = selected.id;
      const state = selected.hold ?? (selected.heldBy !== null ? 'held-by' : 'none');
      if (`${id}\n${state}` !== lastLogged) {
        lastLogged = `${id}\n${state}`;
        log.holds.push({ appealId: id, at: Date.now(), state, reason: 'auto' });
      }
      if (selected.hold === 'pending') continue;
      const heldByColleague = selected.hold === 'taken' || selected.hold === 'decided' || (selected.hold === null && selected.heldBy !== null);
      if (heldByColleague) {
        // The desk should move to the next free row by itself; a person would press Home if it did not.
        const since = Date.now();
        let moved = false;
        while (!stopped && Date.now() - since < 1_500) {
          await sleep(100);
          if ((await info())?.id !== id) { moved = true; break; }
        }
        if (moved || stopped) continue;
        if (selected.freeShown) {
          log.notes.push(`${new Date().toISOString()}: stayed on ${id} held by ${selected.heldBy ?? 'a colleague'} (${selected.hold ?? '—'}): pressed Home`);
          await thePage.keyboard.press('Home');
        } else {
          await rest(500);
        }
        continue;
      }

      const startedAt = Date.now();
      if (!(await rest(nextReadMs()))) {
        log.abandoned += 1;
        break;
      }
      const present = await thePage.evaluate<boolean>(rowPresent(id));
      const now = await info();
      if (!present || now?.id !== id) {
        if (present) log.notes.push(`${new Date().toISOString()}: selection moved off ${id} during the read (to ${now?.id ?? 'nothing'})`);
        log.reads.push({ appealId: id, hold: selected.hold, startedAt, endedAt: Date.now(), outcome: 'gone', decidedIds: [], index: selected.index });
        continue;
      }
      await thePage.keyboard.press('Digit1');
      const keyAt = Date.now();
      let left = false;
      while (Date.now() - keyAt < 5_000) {
        if (!(await thePage.evaluate<boolean>(rowPresent(id)))) { left = true; break; }
        await sleep(50);
      }
      log.reads.push({ appealId: id, hold: selected.hold, startedAt, endedAt: keyAt, outcome: left ? 'routed' : 'refused',
        decidedIds: left ? [id] : [], index: selected.index });
    }
  }

  return {
    desk: o.desk,
    kind: 'renderer',
    userId,
    start(at) {
      running = sleep(Math.max(0, at - Date.now())).then(operate).catch((error: unknown) => {
        log.notes.push(`operator failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      });
    },
    async stop() {
      stopped = true;
      await running;
    },
    drain: () => waitDeskDrained(harness.core, log.notes),
    async collect() {
      await theObserver.settled();
      const conflicts = await harness.core.call('conflicts.list', {});
      log.conflictsListed = conflicts.ok ? (conflicts.value as { conflicts: unknown[] }).conflicts.length : -1;
      log.liveAtEnd = theObserver.live();
      return log;
    },
    async close() {
      stopped = true;
      await running;
      await thePage.context().close().catch(() => undefined);
      theObserver.stop();
      await harness.close();
    },
  };
}
