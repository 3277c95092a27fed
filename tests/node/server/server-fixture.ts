// Test fixture for the reference server: a real server on 127.0.0.1 port 0 over a fresh store, and a tiny typed
// fetch client. Each test gets its own folder, store and port. The store is a SQLite folder, or, when the vitest
// project sets TRIAGE_DESK_TEST_ENGINE=postgres, a fresh database on the run's throw-away PostgreSQL cluster: the
// same server tests run against both engines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, type StartServerOptions } from '../../../server/start-server.js';
import { freshDatabaseUrl } from '../postgres-test-db.js';
import { startTestServer } from '../../harness/test-server.js';

export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env.TRIAGE_DESK_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

const databases = new Map<string, string>();
/** Makes `testStore(dir)` answer this database (a test that prepared one itself, e.g. on a tiny tablespace). */
export function useDatabaseFor(dir: string, url: string): void {
  databases.set(dir, url);
}
/** The store options of the engine under test for the test folder `dir`; the same database again for the same folder. */
export async function testStore(dir: string): Promise<{ dataDir: string } | { databaseUrl: string; demoUsers: true }> {
  if (TEST_ENGINE === 'sqlite') return { dataDir: join(dir, 'data') };
  let url = databases.get(dir);
  if (url === undefined) {
    url = await freshDatabaseUrl();
    databases.set(dir, url);
  }
  // The tests sign in as the demo accounts, which PostgreSQL only gets when asked.
  return { databaseUrl: url, demoUsers: true };
}

export interface Fixture {
  dir: string;
  server: RunningServer;
  call(method: string, path: string, opts?: { token?: string; body?: unknown; rawBody?: string }): Promise<{ status: number; body: unknown }>;
  signIn(login: string): Promise<string>;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'triage-server-'));
}

/** `server`: further startServer options (clock, lease and heartbeat times, limits), kept across restarts. */
export async function startFixture(opts: { demo?: number; dir?: string; server?: Omit<StartServerOptions, 'port' | 'dataDir' | 'databaseUrl' | 'demo'> } = {}): Promise<Fixture> {
  const dir = opts.dir ?? tempDir();
  const store = await testStore(dir);
  const launch = () => startTestServer({ port: 0, ...store, ...opts.server,
    ...(opts.demo === undefined ? {} : { demo: opts.demo }) });
  let server = await launch();
  const fixture: Fixture = {
    dir,
    get server() {
      return server;
    },
    async call(method, path, { token, body, rawBody } = {}) {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
      if (payload !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${server.url}/api/v1${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async signIn(login) {
      const res = await fixture.call('POST', '/session', { body: { login, password: login } });
      if (res.status !== 200) throw new Error(`sign-in as ${login} failed: ${res.status}`);
      return (res.body as { token: string }).token;
    },
    async restart() {
      await server.close();
      server = await launch();
    },
    async dispose() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

export function incoming(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id, source: 'vk', channel: { name: 'Правительство Новосибирской области', url: 'https://vk.com/nso_gov' },
    author: { name: 'Ольга Иванова', url: 'https://vk.com/id1' },
    text: 'здравствуйте!!! на ул. Ленина 12 яма уже месяц', attachments: [], receivedAt: '2025-03-01T03:00:00.000Z',
    ...overrides,
  };
}

let mutationCounter = 0;
/** A fresh ULID-length mutation id (only uniqueness matters to the server). */
export function mutationId(): string {
  mutationCounter += 1;
  return `01JTEST${String(mutationCounter).padStart(19, '0')}`;
}
