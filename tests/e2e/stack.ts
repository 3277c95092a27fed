// Test stack for browser tests: a real reference server and real harnesses (core + renderer) on loopback,
// each in its own temp folder, plus a small typed client of the central API to check what the server holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { type RunningServer, type StartServerOptions } from '../../server/start-server.js';
import { startHarness, type Harness } from '../harness/start-harness.js';
import { readAllAppeals } from '../harness/server-read-back.js';
import { startTestServer } from '../harness/test-server.js';
import { API_PREFIX, SessionResponse, type IncomingAppeal } from '../../shared/central-api/contract.js';
import type { Appeal } from '../../shared/domain/appeal.js';

export function tempDir(label: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), `triage-e2e-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A reference server that can be stopped and started again on the same port and data folder. */
export class ServerUnderTest {
  private running: RunningServer | null = null;
  port = 0;
  /**
   * `history`: older appeals already routed, for the routing model to learn from (none by default); `options`: more
   * startServer options, e.g. a connectors file.
   */
  constructor(readonly dataDir: string, private readonly demo: number, private readonly history = 0,
    private readonly options: Omit<StartServerOptions, 'port' | 'dataDir' | 'demo' | 'demoHistory'> = {}) {}

  get url(): string { return `http://127.0.0.1:${this.port}`; }

  async start(): Promise<void> {
    this.running = await startTestServer({ ...this.options, port: this.port, dataDir: this.dataDir, demo: this.demo,
      ...(this.history > 0 ? { demoHistory: this.history } : {}) });
    this.port = this.running.port;
  }
  async stop(): Promise<void> {
    await this.running?.close();
    this.running = null;
  }

  async token(login: string): Promise<string> {
    const response = await fetch(`${this.url}${API_PREFIX}/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: login }),
    });
    return SessionResponse.parse(await response.json()).token;
  }

  /** Every appeal as the server now holds it, read through the public API (the lead's view). */
  async allAppeals(): Promise<Map<string, Appeal>> {
    return readAllAppeals(this.url, await this.token('lead'));
  }

  /**
   * Waits until the server holds these appeals in the expected state. Decisions travel asynchronously (undo grace,
   * then a push), so a test must wait for the server itself rather than for the desk's pending count to read 0.
   */
  async expectAppeals(expected: Record<string, Partial<Appeal>>, timeout = 30_000): Promise<Map<string, Appeal>> {
    let latest = new Map<string, Appeal>();
    await expect.poll(async () => {
      latest = await this.allAppeals();
      return Object.fromEntries(Object.keys(expected).map((id) => [id, latest.get(id)]));
    }, { timeout }).toMatchObject(expected);
    return latest;
  }

  async ingest(appeals: IncomingAppeal[]): Promise<void> {
    const token = await this.token('connector');
    const response = await fetch(`${this.url}${API_PREFIX}/appeals`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ appeals }),
    });
    expect(response.status).toBe(200);
  }
}

export interface DeskOptions { login?: string; pushDelayMs?: number; syncIntervalMs?: number; pagelessHoldMs?: number }

/** A harness for one desk; its `url` is the page with this start's key in the fragment (`#k=…`), ready for page.goto. */
export async function startDesk(server: ServerUnderTest, dataDir: string, options: DeskOptions = {}): Promise<Harness> {
  return startHarness({
    apiUrl: server.url,
    dataDir,
    ...(options.login ? { login: { login: options.login, password: options.login } } : {}),
    pushDelayMs: options.pushDelayMs ?? 150,
    syncIntervalMs: options.syncIntervalMs ?? 1_000,
    requestTimeoutMs: 3_000,
    ...(options.pagelessHoldMs === undefined ? {} : { pagelessHoldMs: options.pagelessHoldMs }),
  });
}

/** The inbox as the operator sees it. */
export class InboxPage {
  constructor(readonly page: Page) {}

  get grid() { return this.page.getByRole('grid'); }
  get selectedRow() { return this.grid.locator('[role="row"][aria-selected="true"]'); }
  get status() { return this.page.getByTestId('sync-status'); }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.selectedRow).toHaveCount(1);
  }

  async selectedId(): Promise<string> {
    const id = await this.selectedRow.getAttribute('data-appeal-id');
    expect(id).toBeTruthy();
    return id ?? '';
  }

  /** Presses a key on the selected appeal and waits until that appeal has left the list. */
  async decideWith(code: string): Promise<string> {
    const id = await this.selectedId();
    const before = Number(await this.status.getAttribute('data-decided-count'));
    await this.page.keyboard.press(code);
    await expect(this.grid.locator(`[data-appeal-id="${id}"]`)).toHaveCount(0);
    await expect(this.selectedRow).toHaveCount(1);
    // The row leaves before the core has the decision: until it acknowledges, the pending count may still read 0
    // (intake.spec.ts read the server too early that way, CI 1 December).
    await expect(this.status).toHaveAttribute('data-decided-count', String(before + 1));
    await expect(this.status).toHaveAttribute('data-last-decided', id);
    return id;
  }

  /**
   * Team mode (#9): once the server is gone, the desk drops the live channel and with it every colleague's hold
   * (offline it works exactly as without team mode; the bar's shift line goes too). Waits for that, then selects the
   * first appeal.
   */
  async offTeamChannelAtFirst(): Promise<void> {
    await expect(this.status).toHaveAttribute('data-live', 'down');
    await expect(this.page.getByTestId('team-presence')).toHaveCount(0);
    await expect(this.grid.locator('[data-held-by]')).toHaveCount(0);
    await this.page.keyboard.press('Home');
  }

  async waitPending(count: number, timeout = 30_000): Promise<void> {
    await expect(this.status).toHaveAttribute('data-pending', String(count), { timeout });
  }
}

/** A desk signed in and open in a test's page: its inbox, its harness, and `close()` (stops it, removes its folder). */
export interface OpenDesk { inbox: InboxPage; desk: Harness; close(): Promise<void> }

/**
 * One reference server for a spec file, with `demo` appeals: started before the file's first test, stopped and its
 * folder removed after the last. Call at a spec's top level (it registers the hooks); `openDesk` starts a desk on it
 * in its own folder for `login` and opens its inbox in `page`.
 */
export function serverForSpec(demo = 40): {
  readonly server: ServerUnderTest;
  openDesk(page: Page, login: string, options?: Omit<DeskOptions, 'login'>): Promise<OpenDesk>;
} {
  let running: { server: ServerUnderTest; dir: ReturnType<typeof tempDir> } | null = null;
  const server = (): ServerUnderTest => {
    if (!running) throw new Error('serverForSpec: the server starts in beforeAll; use it inside a test');
    return running.server;
  };
  test.beforeAll(async () => {
    const dir = tempDir('srv');
    running = { server: new ServerUnderTest(dir.dir, demo), dir };
    await running.server.start();
  });
  test.afterAll(async () => {
    await running?.server.stop();
    running?.dir.remove();
    running = null;
  });
  return {
    get server() { return server(); },
    async openDesk(page, login, options = {}) {
      const dir = tempDir('desk');
      const desk = await startDesk(server(), dir.dir, { ...options, login });
      const close = async () => { await desk.close(); dir.remove(); };
      const inbox = new InboxPage(page);
      try {
        await inbox.open(desk.url);
      } catch (error) {
        await close();
        throw error;
      }
      return { inbox, desk, close };
    },
  };
}

/**
 * A server holding `appeals` only, operator1's desk on it, and its inbox open in a page of `viewport` CSS pixels at
 * `scale`, in Novosibirsk's time and Russian; everything stopped and removed after `body`.
 */
export async function withDeskOn(browser: Browser, appeals: IncomingAppeal[],
  screen: { width: number; height: number; scale: number },
  body: (t: { server: ServerUnderTest; page: Page; inbox: InboxPage; row(id: string): Locator }) => Promise<void>): Promise<void> {
  const serverDir = tempDir('srv'); const dir = tempDir('desk');
  const server = new ServerUnderTest(serverDir.dir, 0);
  await server.start();
  await server.ingest(appeals);
  const desk = await startDesk(server, dir.dir, { login: 'operator1' });
  const context = await browser.newContext({ viewport: { width: screen.width, height: screen.height },
    deviceScaleFactor: screen.scale, locale: 'ru-RU', timezoneId: 'Asia/Novosibirsk' });
  const page = await context.newPage();
  try {
    const inbox = new InboxPage(page);
    await inbox.open(desk.url);
    await body({ server, page, inbox, row: (id) => inbox.grid.locator(`[data-appeal-id="${id}"]`) });
  } finally {
    await context.close(); await desk.close(); await server.stop(); serverDir.remove(); dir.remove();
  }
}

/** Ctrl+F, the query typed, its `total` hits counted, Enter: the results' grid, focused, is returned. */
export async function searchIntoResults(page: Page, query: string, total: number): Promise<Locator> {
  await page.keyboard.press('Control+KeyF');
  await page.keyboard.type(query);
  await expect(page.getByTestId('search-summary')).toHaveAttribute('data-total', String(total));
  await page.keyboard.press('Enter');
  const grid = page.getByRole('grid', { name: 'Результаты поиска' });
  await expect(grid).toBeFocused();
  return grid;
}

/** The lead's Ctrl+2, Home on «Не направлено», Enter: the listbox of its appeals is returned. */
export async function openUnroutedQueue(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+Digit2');
  await expect(page.getByTestId('queues-view')).toBeVisible();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('queue-unrouted-all')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  return page.getByTestId('queues-view').getByRole('listbox');
}

/** Opens «?», then «Настройка клавиш» (Enter), and moves ↓ to the row of this action; its dialog and selected row. */
export async function openKeymapAt(page: Page, scope: string, action: string) {
  await page.keyboard.press('Shift+Slash');
  const dialog = page.getByRole('dialog', { name: 'Клавиши' });
  await expect(dialog.locator('.help-row').first()).toBeVisible();
  await page.keyboard.press('Enter');
  const selected = dialog.locator('[role="option"][aria-selected="true"]');
  await expect(selected).toHaveCount(1);
  for (let i = 0; i < 200; i++) {
    if (await selected.getAttribute('data-scope') === scope && await selected.getAttribute('data-action') === action) {
      return { dialog, selected };
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no row ${scope}/${action}`);
}
