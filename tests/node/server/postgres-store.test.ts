// The PostgreSQL engine's own behaviour: numbered migrations (a fresh database gets the newest schema, an older one is
// upgraded in place with its data, a newer one is refused untouched), clear refusals for a wrong or unreachable URL
// (the password never shown), and a database that goes away while the server runs: requests answer 503
// storage_unavailable with Retry-After, and everything works again once it is back — through a real TCP proxy in
// front of the real server, cut and restored by the test.
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { type RunningServer } from '../../../server/start-server.js';
import { StoreError } from '../../../server/store/central-store.js';
import { migratePostgres, POSTGRES_SCHEMA_VERSION } from '../../../server/store/postgres-migrations.js';
import { freshDatabaseUrl } from '../postgres-test-db.js';
import { startPostgresProxy as startProxy } from '../postgres-proxy.js';
import { incoming } from './server-fixture.js';
import { startTestServer } from '../../harness/test-server.js';

let server: RunningServer | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const c of cleanups.splice(0)) await c();
});

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const tables = (url: string) => withClient(url, async (c) =>
  (await c.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((r) => r.tablename));

async function api(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${server!.url}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('PostgreSQL migrations', () => {
  it('creates the newest schema in a fresh database, without the demo accounts unless asked', async () => {
    const url = await freshDatabaseUrl();
    const logs: string[] = [];
    server = await startTestServer({ port: 0, databaseUrl: url, log: (line) => logs.push(line) });
    expect(await withClient(url, async (c) => (await c.query('SELECT count(*)::int AS n FROM users')).rows)).toEqual([{ n: 0 }]);
    expect(logs).toContain('no users yet: add them with `npm run server:add-user` (see docs/IT.md)');
    expect((await api('POST', '/session', undefined, { login: 'operator1', password: 'operator1' })).status).toBe(401);
    expect(await withClient(url, async (c) => (await c.query('SELECT version FROM schema_version')).rows)).toEqual([{ version: POSTGRES_SCHEMA_VERSION }]);
    expect(await tables(url)).toEqual(['appeals', 'connector_events', 'counters', 'mutations', 'schema_version', 'sessions', 'targets',
      'team_holds', 'team_instances', 'team_presence', 'user_preferences', 'users']);
  });

  it('upgrades a schema-1 database in place, keeping its appeals and change sequence', async () => {
    const url = await freshDatabaseUrl();
    const pool = new pg.Pool({ connectionString: url });
    const client = await pool.connect();
    await migratePostgres(client, 1);
    await client.query("UPDATE counters SET value = 7 WHERE name = 'appeal_seq'");
    const old = { ...incoming('vk-old'), status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null, routedAt: null };
    await client.query('INSERT INTO appeals (id, seq, data) VALUES ($1, 7, $2)', [old.id, JSON.stringify(old)]);
    client.release();
    await pool.end();
    expect(await tables(url)).not.toContain('team_holds');

    server = await startTestServer({ port: 0, databaseUrl: url, demoUsers: true });
    expect(await tables(url)).toContain('team_holds');
    const login = await api('POST', '/session', undefined, { login: 'operator1', password: 'operator1' });
    const token = (login.body as { token: string }).token;
    const changes = await api('GET', '/changes', token);
    expect(changes.body).toMatchObject({ appeals: [{ id: 'vk-old', text: old.text }], cursor: '7', head: '7' });
  });

  it('refuses a database from a newer server and leaves it untouched', async () => {
    const url = await freshDatabaseUrl();
    await withClient(url, async (c) => {
      await c.query('CREATE TABLE schema_version (singleton boolean PRIMARY KEY DEFAULT true, version integer NOT NULL)');
      await c.query('INSERT INTO schema_version (version) VALUES ($1)', [POSTGRES_SCHEMA_VERSION + 1]);
    });
    const refused = await startTestServer({ port: 0, databaseUrl: url }).then(() => null, (err: unknown) => err);
    expect(refused).toBeInstanceOf(StoreError);
    expect(refused).toMatchObject({ code: 'future_schema', message: expect.stringContaining(`${POSTGRES_SCHEMA_VERSION + 1}`) });
    expect(await tables(url)).toEqual(['schema_version']);
  });
});

describe('PostgreSQL connection problems', () => {
  it('refuses a URL of another scheme, and an unreachable server without showing the password', async () => {
    await expect(startTestServer({ port: 0, databaseUrl: 'mysql://u:secret@127.0.0.1/x' })).rejects.toMatchObject({ code: 'bad_database_url' });
    const unreachable = await startTestServer({ port: 0, databaseUrl: 'postgres://triage:s3cret-pw@127.0.0.1:1/triage' })
      .then(() => null, (err: unknown) => err as Error);
    expect(unreachable).toMatchObject({ code: 'unreachable' });
    expect(unreachable?.message).toContain('127.0.0.1:1');
    expect(unreachable?.message).not.toContain('s3cret-pw');
  });

  it('answers 503 storage_unavailable while the database is out of reach, and recovers once it is back', async () => {
    const url = new URL(await freshDatabaseUrl());
    const proxy = await startProxy(Number(url.port));
    cleanups.push(() => proxy.close());
    const viaProxy = new URL(url);
    viaProxy.port = String(proxy.port);
    const logs: string[] = [];
    server = await startTestServer({ port: 0, databaseUrl: viaProxy.toString(), demoUsers: true, log: (line) => logs.push(line) });
    const connector = ((await api('POST', '/session', undefined, { login: 'connector', password: 'connector' })).body as { token: string }).token;
    expect((await api('POST', '/appeals', connector, { appeals: [incoming('vk-1')] })).status).toBe(200);

    await proxy.cut();
    const down = await api('POST', '/appeals', connector, { appeals: [incoming('vk-2')] });
    expect(down.status).toBe(503);
    expect(down.retryAfter).toBe('5');
    expect(down.body).toEqual({ error: { code: 'storage_unavailable', message: expect.stringMatching(/временно недоступна/) } });
    expect(logs.filter((l) => /\n\s+at /.test(l))).toEqual([]); // an operational state: a line, not a stack

    await proxy.restore();
    expect(await api('POST', '/appeals', connector, { appeals: [incoming('vk-2')] })).toMatchObject({ status: 200, body: { accepted: 1 } });
  });
});

describe('PostgreSQL decisions racing for one appeal', () => {
  it('applies exactly one of two simultaneous decisions on the same appeal, the other a conflict, and leaves no hole in the sequence', async () => {
    const url = await freshDatabaseUrl();
    server = await startTestServer({ port: 0, databaseUrl: url, demoUsers: true });
    const token = async (login: string) => ((await api('POST', '/session', undefined, { login, password: login })).body as { token: string }).token;
    const [connector, op1, op2] = [await token('connector'), await token('operator1'), await token('operator2')];
    const ids = Array.from({ length: 25 }, (_v, i) => `race-${i}`);
    expect((await api('POST', '/appeals', connector, { appeals: ids.map((id) => incoming(id)) })).status).toBe(200);
    const decide = (tok: string, appealId: string, targetId: string) => api('POST', '/mutations', tok, { mutations: [{
      id: `01JRACE${Math.random().toString(36).slice(2, 12).padEnd(10, '0')}${appealId.padStart(9, '0')}`, appealId, baseVersion: 1,
      createdAt: new Date().toISOString(), type: 'route', targetId }] });
    for (const id of ids) {
      const [a, b] = await Promise.all([decide(op1, id, 'gov'), decide(op2, id, 'minzdrav')]);
      const statuses = [a, b].map((r) => (r.body as { results: { status: string }[] }).results[0]!.status).sort();
      expect(statuses, id).toEqual(['applied', 'conflict']);
    }
    const seqs = await withClient(url, async (c) => (await c.query<{ seq: string }>('SELECT seq FROM appeals ORDER BY seq')).rows.map((r) => Number(r.seq)));
    const head = await withClient(url, async (c) => Number((await c.query<{ value: string }>("SELECT value FROM counters WHERE name = 'appeal_seq'")).rows[0]!.value));
    // 25 ingested + 25 decisions: the head is exactly 50, whatever raced (a write that gave way left no hole).
    expect(head).toBe(50);
    expect(Math.max(...seqs)).toBe(50);
  });
});

describe('PostgreSQL taking connections away mid-request', () => {
  it('survives its connections being terminated under load (failover, an admin\'s pg_terminate_backend): 200 or 503, then all well', async () => {
    const url = await freshDatabaseUrl();
    const database = new URL(url).pathname.slice(1);
    const logs: string[] = [];
    server = await startTestServer({ port: 0, databaseUrl: url, demoUsers: true, log: (line) => logs.push(line) });
    const connector = ((await api('POST', '/session', undefined, { login: 'connector', password: 'connector' })).body as { token: string }).token;
    const statuses = new Map<number, number>();
    let next = 0;
    let running = true;
    const load = Array.from({ length: 8 }, async () => {
      while (running) {
        const ids = Array.from({ length: 20 }, () => `kill-${(next += 1)}`);
        const res = await api('POST', '/appeals', connector, { appeals: ids.map((id) => incoming(id)) });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    });
    // Terminate every connection of the server's pool, five times over, while the requests run.
    let terminated = 0;
    for (let round = 0; round < 5; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      terminated += await withClient(inject('postgresAdminUrl'), async (c) => (await c.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'triage-desk-central'`,
        [database])).rowCount ?? 0);
    }
    running = false;
    await Promise.all(load);
    console.log(`terminated ${terminated} connections under load; answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(terminated).toBeGreaterThan(0);
    expect([...statuses.keys()].filter((status) => status !== 200 && status !== 503), logs.filter((l) => l.startsWith('internal')).join('\n')).toEqual([]);
    // The process is still here and serves as before.
    expect((await api('POST', '/appeals', connector, { appeals: [incoming('after-the-storm')] })).body).toEqual({ accepted: 1, duplicates: 0 });
  });
});
