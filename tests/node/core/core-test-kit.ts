// Shared helpers for the core tests: per-test temp folders, sample appeals, waiting on core events (no sleeps),
// and the reference server started on 127.0.0.1 port 0.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Appeal } from '../../../shared/domain/appeal.js';
import { API_PREFIX, type IncomingAppeal } from '../../../shared/central-api/contract.js';
import type { SyncStatus } from '../../../shared/desk-api/contract.js';
import type { AppealSuggestions } from '../../../shared/desk-api/routing-contract.js';
import type { Clock } from '../../../electron/core/clock.js';
import type { DeskCore } from '../../../electron/core/desk-core.js';

const madeDirs: string[] = [];

export function tempDir(label: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `desk-core-${label}-`));
  madeDirs.push(dir);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The temp folders this test file made and has not removed: a desk's cache left in the temp folder at every run. */
export function tempDirsLeft(): string[] {
  return madeDirs.filter((dir) => existsSync(dir));
}

export function sampleAppeal(index: number, overrides: Partial<Appeal> = {}): Appeal {
  return {
    id: `a-${String(index).padStart(5, '0')}`,
    source: 'vk',
    channel: { name: 'Новосибирск онлайн', url: 'https://vk.com/nsk' },
    author: { name: `Житель ${index}` },
    text: `Во дворе дома ${index} на улице Ленина не вывозят мусор уже неделю.`,
    attachments: [],
    receivedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, index)).toISOString(),
    status: 'new',
    targetId: null,
    rejectReason: null,
    version: 1,
    routedBy: null,
    routedAt: null,
    ...overrides,
  };
}

export function incomingAppeal(index: number): IncomingAppeal {
  const { id, source, channel, author, text, attachments, receivedAt } = sampleAppeal(index);
  return { id, source, channel, author, text, attachments, receivedAt };
}

/** Resolves with the first payload of `event` matching `predicate`. */
export function nextEvent<T>(core: DeskCore, event: string, predicate: (payload: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const off = core.on(event, (payload) => {
      if (predicate(payload as T)) {
        off();
        resolve(payload as T);
      }
    });
  });
}

/** Resolves when sync.status matches, checking the current status first (the event may already have passed). */
export async function statusMatching(core: DeskCore, predicate: (status: SyncStatus) => boolean): Promise<SyncStatus> {
  const waiting = nextEvent<SyncStatus>(core, 'sync.status', predicate);
  const now = await value<SyncStatus>(core, 'sync.status', {});
  return predicate(now) ? now : waiting;
}

/** Calls a desk method and returns its value, failing the test with the error otherwise. */
export async function value<T>(core: DeskCore, method: string, input: unknown): Promise<T> {
  const result = await core.call(method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** The suggestions of one appeal once the core's worker has scored it (waits for its suggestions.changed if not yet). */
export async function suggestionsReady(core: DeskCore, appealId: string): Promise<AppealSuggestions> {
  const changed = nextEvent<{ ids: string[] }>(core, 'suggestions.changed', (p) => p.ids.includes(appealId));
  const now = await value<AppealSuggestions>(core, 'suggestions.get', { appealId });
  if (now.ready) return now;
  await changed;
  return value<AppealSuggestions>(core, 'suggestions.get', { appealId });
}

/** A port that nothing listens on: bind port 0, note it, close. */
export async function deadPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** One call to the reference server's API as a test's own client (sign-in, ingest, reading back); throws unless 2xx. */
export async function centralCall<T>(baseUrl: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${baseUrl}${API_PREFIX}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** One appeal as the reference server holds it now, read back as the shift lead (whose pull sees every appeal). */
export async function serverAppeal(baseUrl: string, id: string): Promise<Appeal | undefined> {
  const { token } = await centralCall<{ token: string }>(baseUrl, '/session', { method: 'POST', body: { login: 'lead', password: 'lead' } });
  return (await centralCall<{ appeals: Appeal[] }>(baseUrl, '/changes?limit=1000', { token })).appeals.find((a) => a.id === id);
}

/**
 * A clock whose timers fire only when the test says (`fireDue`, `fire`), and whose "now" follows the real clock
 * until `set` freezes it — so a test can fire a timer a millisecond before its due time, as Node sometimes does.
 */
export class ManualClock implements Clock {
  private frozenAt: number | null = null;
  private timers: { dueMs: number; fn: () => void }[] = [];

  now(): number {
    return this.frozenAt ?? Date.now();
  }

  after(ms: number, fn: () => void): () => void {
    const timer = { dueMs: this.now() + Math.max(0, ms), fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  set(nowMs: number): void {
    this.frozenAt = nowMs;
  }

  /** Due times of the timers waiting, earliest first. */
  pending(): number[] {
    return this.timers.map((t) => t.dueMs).sort((a, b) => a - b);
  }

  /** Fires the earliest waiting timer whatever "now" says (a timer firing early). */
  fireEarliest(): void {
    const earliest = [...this.timers].sort((a, b) => a.dueMs - b.dueMs)[0];
    if (!earliest) throw new Error('no timer waiting');
    this.timers = this.timers.filter((t) => t !== earliest);
    earliest.fn();
  }

  /** Fires every timer whose due time has come by "now"; returns how many fired. */
  fireDue(): number {
    const due = this.timers.filter((t) => t.dueMs <= this.now());
    this.timers = this.timers.filter((t) => !due.includes(t));
    for (const t of due) t.fn();
    return due.length;
  }
}

/** The decisions the routing model in a desk's cache has learned (the worker stores each training step there). */
export function learnedIn(dataDir: string): number {
  const db = new Database(join(dataDir, 'cache.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT learned FROM suggest_model WHERE id = 1').get() as { learned: number } | undefined)?.learned ?? 0;
  } finally {
    db.close();
  }
}
