// Test stack for browser tests: a real reference server and real harnesses (core + renderer) on loopback,
// each in its own temp folder, plus a small typed client of the central API to check what the server holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { startServer, type RunningServer, type StartServerOptions } from '../../server/start-server.js';
import { startHarness, type Harness } from '../harness/start-harness.js';
import { readAllAppeals } from '../harness/server-read-back.js';
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
    this.running = await startServer({ ...this.options, port: this.port, dataDir: this.dataDir, demo: this.demo,
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

export interface DeskOptions { login?: string; pushDelayMs?: number; syncIntervalMs?: number }

/** A harness for one desk; its `url` is the page with this start's key in the fragment (`#k=…`), ready for page.goto. */
export async function startDesk(server: ServerUnderTest, dataDir: string, options: DeskOptions = {}): Promise<Harness> {
  return startHarness({
    apiUrl: server.url,
    dataDir,
    ...(options.login ? { login: { login: options.login, password: options.login } } : {}),
    pushDelayMs: options.pushDelayMs ?? 150,
    syncIntervalMs: options.syncIntervalMs ?? 1_000,
    requestTimeoutMs: 3_000,
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
    await this.page.keyboard.press(code);
    await expect(this.grid.locator(`[data-appeal-id="${id}"]`)).toHaveCount(0);
    await expect(this.selectedRow).toHaveCount(1);
    return id;
  }

  /**
   * Team mode (#9): once the server is gone, the desk drops the live channel and with it every colleague's hold
   * (offline it works exactly as without team mode). Waits for that, then selects the first appeal.
   */
  async offTeamChannelAtFirst(): Promise<void> {
    await expect(this.page.getByTestId('team-presence')).toHaveAttribute('data-live', 'down');
    await expect(this.grid.locator('[data-held-by]')).toHaveCount(0);
    await this.page.keyboard.press('Home');
  }

  async waitPending(count: number, timeout = 30_000): Promise<void> {
    await expect(this.status).toHaveAttribute('data-pending', String(count), { timeout });
  }
}
