// One test per network fault, through the fault proxy on loopback between a real core and the reference server:
// the desk stays usable offline, keeps every decision, retries with backoff (never spins, honours Retry-After),
// and converges with nothing lost or duplicated once the fault clears.
import { cpSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { type RunningServer } from '../../../server/start-server.js';
import type { InboxRow, SyncStatus, SyncLogEntry } from '../../../shared/desk-api/contract.js';
import { startFaultProxy, type Fault, type FaultProxy } from '../../reliability/fault-proxy.js';
import {
  cacheDifferences, ingest, readCache, serverAppeals, serverMutations,
} from '../../reliability/reliability-kit.js';
import { statusMatching, tempDir, value } from '../core/core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

const TARGET = 'minzdrav';
/** Team mode's own traffic (the live channel, holds) has its own backoff; these tests time the sync engine's. */
const isTeamTraffic = (path: string): boolean => path.includes('/live') || path.includes('/holds');
const syncRequests = () => proxy.requests.filter((r) => !isTeamTraffic(r.path));
let serverDir: ReturnType<typeof tempDir>;
let server: RunningServer;
let proxy: FaultProxy;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  serverDir = tempDir('fault-server');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
  await ingest(server.url, 1, 6);
  proxy = await startFaultProxy(server.url);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await proxy.close();
  await server.close();
  serverDir.remove();
});

async function openDesk(timeoutMs = 1_500): Promise<{ core: DeskCore; dir: string }> {
  const temp = tempDir('fault-desk');
  const core = await createDeskCore({
    dataDir: temp.dir, apiUrl: proxy.url, pushDelayMs: 0, syncIntervalMs: 600_000, requestTimeoutMs: timeoutMs,
  });
  cleanups.push(temp.remove, () => core.close());
  await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
  await value(core, 'sync.now', {});
  return { core, dir: temp.dir };
}

async function routeFirst(core: DeskCore, count: number): Promise<string[]> {
  const { rows } = await value<{ rows: InboxRow[] }>(core, 'inbox.list', {});
  const ids = rows.slice(0, count).map((row) => row.id);
  for (const appealId of ids) await value(core, 'appeals.route', { appealId, targetId: TARGET });
  return ids;
}

/** The fault holds: a sync fails, the desk stays usable; after it clears everything converges exactly once. */
async function survives(fault: Fault, pathPart?: string): Promise<void> {
  const { core, dir } = await openDesk();
  const decided = await routeFirst(core, 2);
  proxy.setFault(fault, pathPart);
  const failed = await value<SyncStatus>(core, 'sync.now', {});
  expect(failed.state).toBe('offline');
  expect(failed.lastError).not.toBeNull();
  // Offline, the desk still works: the queue reads from the cache and a new decision is accepted.
  const offline = await value<{ rows: InboxRow[]; total: number }>(core, 'inbox.list', {});
  expect(offline.total).toBe(4);
  decided.push(...await routeFirst(core, 1));
  expect((await value<SyncStatus>(core, 'sync.status', {})).pending).toBeGreaterThanOrEqual(1);

  proxy.clear();
  const healed = await value<SyncStatus>(core, 'sync.now', {});
  expect(healed).toMatchObject({ state: 'online', pending: 0, lastError: null });
  const truth = await serverAppeals(server.url);
  for (const id of decided) expect(truth.get(id)).toMatchObject({ status: 'routed', targetId: TARGET });
  const { perAppeal } = serverMutations(serverDir.dir);
  for (const id of decided) expect(perAppeal.get(id)).toBe(1);
  await core.close();
  const cache = readCache(dir);
  expect(cache.integrity).toBe('ok');
  expect(cache.outbox).toBe(0);
  expect(cacheDifferences(cache, truth)).toEqual([]);
  expect(proxy.faultsInjected()).toBeGreaterThan(0);
}

describe('network faults through a proxy on loopback', () => {
  it('added latency: slow answers still sync (no fault surfaces)', async () => {
    const { core } = await openDesk(5_000);
    const decided = await routeFirst(core, 2);
    proxy.setFault({ kind: 'latency', ms: 300 });
    expect(await value<SyncStatus>(core, 'sync.now', {})).toMatchObject({ state: 'online', pending: 0 });
    const truth = await serverAppeals(server.url);
    for (const id of decided) expect(truth.get(id)?.status).toBe('routed');
  });

  it('connection resets', () => survives({ kind: 'reset' }));
  it('stalls past the request timeout', () => survives({ kind: 'stall' }));
  it('HTTP 500', () => survives({ kind: 'status', status: 500 }));
  it('HTTP 502', () => survives({ kind: 'status', status: 502 }));
  it('HTTP 503', () => survives({ kind: 'status', status: 503 }));
  it('truncated bodies', () => survives({ kind: 'truncate' }));
  it('malformed JSON', () => survives({ kind: 'malformed-json' }));
  it('valid JSON off the contract', () => survives({ kind: 'off-contract' }));
  it('pull fails while the push got through', () => survives({ kind: 'reset' }, '/changes'));
  it('the server applied the push but its answer was lost: re-sent as a duplicate, applied once', () =>
    survives({ kind: 'lose-response' }, '/mutations'));

  it('429 with Retry-After: the next attempt waits at least that long, and the log says so', async () => {
    const { core } = await openDesk();
    await routeFirst(core, 1);
    proxy.setFault({ kind: 'status', status: 429, retryAfter: '2' });
    const before = syncRequests().length;
    const failed = await value<SyncStatus>(core, 'sync.now', {});
    expect(failed.state).toBe('offline');
    const rejectedAt = syncRequests().at(-1)!.at;
    // The backoff alone would retry after ~1 s; Retry-After: 2 sets the floor.
    expect(Date.parse(failed.nextRetryAt!) - rejectedAt).toBeGreaterThanOrEqual(1_900);
    proxy.clear();
    await statusMatching(core, (s) => s.state === 'online' && s.pending === 0);
    const retried = syncRequests().slice(before + 1);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried[0]!.at - rejectedAt).toBeGreaterThanOrEqual(1_900);
    const log = await value<{ entries: SyncLogEntry[] }>(core, 'sync.log', {});
    expect(log.entries.some((e) => e.event === 'retry' && e.message.includes('Retry-After 2'))).toBe(true);
    // The seconds as Russian writes them: «через 2,1 с», never «2.1 с».
    const retry = log.entries.find((e) => e.event === 'retry')!.message;
    expect(retry).toMatch(/^Повтор №\d+ через \d+(,\d)? с — сервер просил подождать/);
    expect(retry).not.toMatch(/\d\.\d/);
  });

  it('never spins: during an outage, requests come at growing intervals, one per attempt', async () => {
    const { core } = await openDesk();
    await routeFirst(core, 1);
    proxy.setFault({ kind: 'reset' });
    const start = syncRequests().length;
    const teamStart = proxy.requests.length - start;
    await value(core, 'sync.now', {});
    // Let the engine retry on its own twice (≈1 s then ≈2 s), then look at what reached the proxy.
    await new Promise<void>((resolve) => {
      const off = core.on('sync.status', () => {
        if (syncRequests().length - start >= 3) { off(); resolve(); }
      });
    });
    const outage = syncRequests().slice(start);
    const gaps = outage.slice(1).map((r, i) => r.at - outage[i]!.at);
    // Lower bounds only (a loaded machine makes gaps longer, never shorter): 75 % of 1 s, then of 2 s.
    expect(gaps[0]).toBeGreaterThanOrEqual(740);
    expect(gaps[1]).toBeGreaterThanOrEqual(1_490);
    // The live channel and the holds back off too: a handful of tries in these ~3 s, not a stream.
    const teamTries = proxy.requests.length - syncRequests().length - teamStart;
    expect(teamTries).toBeLessThanOrEqual(8);
    proxy.clear();
    expect(await value<SyncStatus>(core, 'sync.now', {})).toMatchObject({ state: 'online', pending: 0 });
  });

  it('server restored from an older backup (cursor ahead): detected, re-pulled, pending decision kept', async () => {
    const { core, dir } = await openDesk();
    // The backup: the server as it was after the desk's first sync (its session token is in it).
    await server.close();
    const backup = tempDir('fault-backup');
    cleanups.push(backup.remove);
    cpSync(serverDir.dir, backup.dir, { recursive: true });
    server = await startTestServer({ port: 0, dataDir: serverDir.dir });
    proxy.setUpstream(server.url);
    await ingest(server.url, 7, 20); // the live server moves on; the desk's cursor follows it
    await routeFirst(core, 2);
    expect(await value<SyncStatus>(core, 'sync.now', {})).toMatchObject({ state: 'online', pending: 0 });
    // A decision the desk makes while the server is being restored.
    proxy.setFault({ kind: 'reset' });
    const { rows } = await value<{ rows: InboxRow[] }>(core, 'inbox.list', {});
    const pendingId = rows.find((row) => Number(row.id.slice(2)) <= 6)!.id;
    await value(core, 'appeals.route', { appealId: pendingId, targetId: 'minstroy' });
    await server.close();
    server = await startTestServer({ port: 0, dataDir: backup.dir });
    proxy.setUpstream(server.url);
    proxy.clear();
    expect(await value<SyncStatus>(core, 'sync.now', {})).toMatchObject({ state: 'online', pending: 0 });
    const log = await value<{ entries: SyncLogEntry[] }>(core, 'sync.log', {});
    expect(log.entries.some((e) => e.event === 'cursor-ahead')).toBe(true);
    const truth = await serverAppeals(server.url);
    expect(truth.get(pendingId)).toMatchObject({ status: 'routed', targetId: 'minstroy' });
    await core.close();
    const cache = readCache(dir);
    expect(cache.outbox).toBe(0);
    // The cache now mirrors the restored server (its older versions win), not the lost future.
    expect(cacheDifferences(cache, truth)).toEqual([]);
  });
});
