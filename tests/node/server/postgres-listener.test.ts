// The LISTEN connection of an API instance (server/store/postgres-listener.ts) against real network failures. A small
// TCP proxy sits between the listener and PostgreSQL and can cut the link (sockets destroyed, port refusing), restore
// it on the same port, or black-hole it (sockets stay open, no byte passes either way: a silently dropped link).
// Shown here: after an outage with several failed reconnects there is exactly ONE listening connection and every
// NOTIFY arrives once; a black hole is noticed by the ping within pingMs + pingTimeoutMs and the listener recovers;
// close() leaves no connection and no timer; a failed first connect rejects `ready` and is not retried.
import { spawn } from 'node:child_process';
import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresListener, type PostgresListener, type PostgresListenerOptions } from '../../../server/store/postgres-listener.js';
import { freshDatabaseUrl } from '../postgres-test-db.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Proxy {
  readonly port: number;
  /** Connections accepted so far: every connect attempt of the listener that reached the port. */
  readonly accepts: number;
  /** Destroys every socket and stops listening: new connects are refused. */
  cut(): Promise<void>;
  /** Listens again on the same port and forwards new connections (black-holed ones stay black-holed). */
  restore(): Promise<void>;
  /** Existing and new connections stay open but forward nothing, in either direction. */
  blackhole(): void;
  /** Destroys the black-holed connections (and with them their PostgreSQL backends). */
  dropHoled(): void;
  close(): Promise<void>;
}

interface Pair { client: Socket; upstream: Socket | undefined; holed: boolean }

async function startProxy(targetHost: string, targetPort: number): Promise<Proxy> {
  const pairs = new Set<Pair>();
  let accepts = 0;
  let holing = false;
  let server: Server | undefined;
  let port = 0;

  const destroy = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.destroy();
    pair.upstream?.destroy();
  };
  const onConnection = (client: Socket) => {
    accepts += 1;
    client.on('error', () => {});
    const pair: Pair = { client, upstream: undefined, holed: holing };
    pairs.add(pair);
    if (pair.holed) return;
    const upstream = netConnect(targetPort, targetHost);
    pair.upstream = upstream;
    upstream.on('error', () => {});
    client.on('data', (chunk) => { if (!pair.holed && !upstream.destroyed) upstream.write(chunk); });
    upstream.on('data', (chunk) => { if (!pair.holed && !client.destroyed) client.write(chunk); });
    // A close is forwarded like the bytes: not through a black hole.
    client.on('close', () => { if (!pair.holed) destroy(pair); });
    upstream.on('close', () => { if (!pair.holed) destroy(pair); });
  };
  const listen = () => new Promise<void>((resolve, reject) => {
    const next = createServer(onConnection);
    next.once('error', reject);
    next.listen(port, '127.0.0.1', () => {
      port = (next.address() as { port: number }).port;
      server = next;
      resolve();
    });
  });
  const stop = async () => {
    for (const pair of [...pairs]) destroy(pair);
    const current = server;
    server = undefined;
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };
  await listen();

  return {
    get port() { return port; },
    get accepts() { return accepts; },
    cut: stop,
    async restore() {
      holing = false;
      if (!server) await listen();
    },
    blackhole() {
      holing = true;
      for (const pair of pairs) pair.holed = true;
    },
    dropHoled() {
      for (const pair of [...pairs]) if (pair.holed) destroy(pair);
    },
    close: stop,
  };
}

let dbUrl: string;
/** A direct connection (not through the proxy) for sending NOTIFYs and counting the listening connections. */
let db: pg.Client;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dbUrl = await freshDatabaseUrl();
  db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
});
afterAll(async () => {
  await db.end();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const listeningConnections = async (): Promise<number> => Number((await db.query<{ n: string }>(
  `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'triage-desk-listen' AND datname = current_database()`,
)).rows[0]!.n);

const notify = (channel: string, payload: string) => db.query('SELECT pg_notify($1, $2)', [channel, payload]);

const throughProxy = (proxy: Proxy, url = dbUrl): string => {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
};

async function proxyToDb(): Promise<Proxy> {
  const target = new URL(dbUrl);
  const proxy = await startProxy(target.hostname, Number(target.port || 5432));
  cleanups.push(() => proxy.close());
  return proxy;
}

/** Fast timings so that failures and their recovery fit in a test; the defaults are seconds. */
const FAST = { pingMs: 300, pingTimeoutMs: 300, connectTimeoutMs: 400, retryMinMs: 100, retryMaxMs: 400 } as const;

interface Watched {
  listener: PostgresListener;
  received: string[];
  reconnects: () => number;
  logs: { at: number; line: string }[];
}

function watch(url: string, extra: Partial<PostgresListenerOptions> = {}): Watched {
  const received: string[] = [];
  const logs: { at: number; line: string }[] = [];
  let reconnects = 0;
  const listener = startPostgresListener({
    url, channels: ['chan_a', 'chan_b'], ...FAST, ...extra,
    onNotify: (channel, payload) => received.push(`${channel}:${payload}`),
    onReconnected: () => { reconnects += 1; },
    log: (line) => logs.push({ at: Date.now(), line }),
  });
  cleanups.push(() => listener.close());
  return { listener, received, reconnects: () => reconnects, logs };
}

/** Sends each payload once and waits until every one has arrived, plus a moment for any duplicate to show up. */
async function deliverOnce(w: Watched, payloads: string[]): Promise<void> {
  const before = w.received.length;
  for (const p of payloads) await notify('chan_a', p);
  await expect.poll(() => w.received.length - before, { timeout: 5_000 }).toBeGreaterThanOrEqual(payloads.length);
  await sleep(300);
  expect(w.received.slice(before)).toEqual(payloads.map((p) => `chan_a:${p}`));
}

describe('postgres listener', () => {
  it('delivers notifications of every channel it listens on', async () => {
    const proxy = await proxyToDb();
    const w = watch(throughProxy(proxy));
    await w.listener.ready;
    await notify('chan_a', 'one');
    await notify('chan_b', 'two');
    await notify('not_listened', 'three');
    await expect.poll(() => w.received, { timeout: 5_000 }).toEqual(['chan_a:one', 'chan_b:two']);
    expect(await listeningConnections()).toBe(1);
  });

  it('after an outage with failed reconnects: exactly one connection, each NOTIFY once, onReconnected', async () => {
    const proxy = await proxyToDb();
    const w = watch(throughProxy(proxy));
    await w.listener.ready;
    await deliverOnce(w, ['before']);

    await proxy.cut();
    await sleep(3_000);
    // 100, 200, 400, 400, … ms apart: several attempts failed (connection refused) during the outage.
    const failed = w.logs.filter((l) => l.line.includes('reconnect failed')).length;
    expect(failed).toBeGreaterThanOrEqual(4);
    expect(w.reconnects()).toBe(0);

    await proxy.restore();
    await expect.poll(() => w.reconnects(), { timeout: 5_000 }).toBe(1);
    await expect.poll(() => listeningConnections(), { timeout: 5_000 }).toBe(1);
    await deliverOnce(w, ['after-1', 'after-2', 'after-3', 'after-4', 'after-5']);
    // Still one, a while later: no loop kept running behind the one that won.
    await sleep(1_000);
    expect(await listeningConnections()).toBe(1);
    expect(w.reconnects()).toBe(1);
    expect(proxy.accepts).toBe(2);
  });

  it('notices a black-holed connection by its ping within pingMs + pingTimeoutMs and recovers', async () => {
    const proxy = await proxyToDb();
    const w = watch(throughProxy(proxy));
    await w.listener.ready;
    await deliverOnce(w, ['before']);
    // Some pings went round: the link is idle-but-healthy when it is black-holed.
    await sleep(1_000);
    expect(w.logs.filter((l) => l.line.includes('lost'))).toEqual([]);

    const holedAt = Date.now();
    proxy.blackhole();
    await notify('chan_a', 'into-the-hole');
    await expect.poll(() => w.logs.find((l) => l.line.includes('connection lost')), { timeout: 5_000 }).toBeDefined();
    const lostAfter = w.logs.find((l) => l.line.includes('connection lost'))!.at - holedAt;
    // 300 + 300 ms, plus a little for timers on a busy machine.
    expect(lostAfter).toBeLessThanOrEqual(FAST.pingMs + FAST.pingTimeoutMs + 400);
    expect(w.logs.find((l) => l.line.includes('connection lost'))!.line).toContain('ping not answered');

    // Attempts into the hole time out (connectTimeoutMs) and are retried instead of hanging.
    const acceptsInHole = proxy.accepts;
    await sleep(1_500);
    expect(proxy.accepts - acceptsInHole).toBeGreaterThanOrEqual(2);
    expect(w.logs.some((l) => l.line.includes(`no LISTEN within ${FAST.connectTimeoutMs} ms`))).toBe(true);

    await proxy.restore();
    await expect.poll(() => w.reconnects(), { timeout: 5_000 }).toBe(1);
    await deliverOnce(w, ['after-1', 'after-2']);
    expect(w.received).not.toContain('chan_a:into-the-hole');
    // The black-holed connection's backend is still there (nothing told PostgreSQL); once it goes, one remains.
    proxy.dropHoled();
    await expect.poll(() => listeningConnections(), { timeout: 5_000 }).toBe(1);
  });

  it('close() ends its connection and makes no further attempts, also during an outage', async () => {
    const proxy = await proxyToDb();
    const healthy = watch(throughProxy(proxy), { retryMinMs: 50, retryMaxMs: 50 });
    await healthy.listener.ready;
    await healthy.listener.close();
    await expect.poll(() => listeningConnections(), { timeout: 5_000 }).toBe(0);
    const acceptsAfterClose = proxy.accepts;
    await sleep(800);
    expect(proxy.accepts).toBe(acceptsAfterClose);

    const down = watch(throughProxy(proxy), { retryMinMs: 50, retryMaxMs: 50 });
    await down.listener.ready;
    await proxy.cut();
    await sleep(500);
    expect(down.logs.filter((l) => l.line.includes('reconnect failed')).length).toBeGreaterThanOrEqual(3);
    await down.listener.close();
    await proxy.restore();
    const acceptsAfterOutageClose = proxy.accepts;
    await sleep(800);
    expect(proxy.accepts).toBe(acceptsAfterOutageClose);
    expect(await listeningConnections()).toBe(0);
    expect(down.reconnects()).toBe(0);
  });

  it('close() during an outage leaves nothing that keeps the process alive', async () => {
    const proxy = await proxyToDb();
    const modulePath = fileURLToPath(new URL('../../../server/store/postgres-listener.ts', import.meta.url));
    const script = `
      import { startPostgresListener } from ${JSON.stringify(modulePath)};
      const listener = startPostgresListener({ url: process.env.LISTEN_URL, channels: ['chan_a'], onNotify() {},
        pingMs: 200, pingTimeoutMs: 200, connectTimeoutMs: 300, retryMinMs: 50, retryMaxMs: 100 });
      await listener.ready;
      console.log('ready');
      process.stdin.once('data', async () => {
        process.stdin.destroy();
        await listener.close();
        console.log('closed');
      });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, LISTEN_URL: throughProxy(proxy) }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    cleanups.push(async () => { if (child.exitCode === null) child.kill('SIGKILL'); });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    await expect.poll(() => out, { timeout: 15_000 }).toContain('ready');
    await proxy.cut();
    await sleep(600);
    const closedAt = Date.now();
    child.stdin.write('close\n');
    const code = await Promise.race([exited, sleep(5_000).then(() => 'still running' as const)]);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain('closed');
    expect(Date.now() - closedAt).toBeLessThan(3_000);
  });

  it('a first connect to a dead port rejects ready and is not retried', async () => {
    const proxy = await proxyToDb();
    await proxy.cut();
    const w = watch(throughProxy(proxy), { retryMinMs: 50, retryMaxMs: 50 });
    await expect(w.listener.ready).rejects.toThrow();
    await proxy.restore();
    await sleep(800);
    expect(proxy.accepts).toBe(0);
    await w.listener.close();
  });

  it('a first connect refused by PostgreSQL rejects ready and is not retried', async () => {
    const proxy = await proxyToDb();
    const missing = new URL(dbUrl);
    missing.pathname = '/no_such_database_here';
    const w = watch(throughProxy(proxy, missing.toString()), { retryMinMs: 50, retryMaxMs: 50 });
    await expect(w.listener.ready).rejects.toThrow(/no_such_database_here/);
    await sleep(800);
    expect(proxy.accepts).toBe(1);
  });
});
