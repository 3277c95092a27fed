// The central API's database goes away while a desk works (PostgreSQL restarting, failing over): the server answers
// 503 storage_unavailable. The desk says the server fails — not «Нет связи», which sends IT to the network — and its
// sync log gives IT the status and the code; decisions wait and go out once, when the database is back. Real
// PostgreSQL behind a TCP proxy the test cuts, the real reference server, a real core.
import { afterEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import type { RunningServer } from '../../../server/start-server.js';
import type { InboxRow, SyncLogEntry, SyncStatus } from '../../../shared/desk-api/contract.js';
import { startTestServer } from '../../harness/test-server.js';
import { serverAppeals, ingest } from '../../reliability/reliability-kit.js';
import { startPostgresProxy } from '../postgres-proxy.js';
import { freshDatabaseUrl } from '../postgres-test-db.js';
import { statusMatching, tempDir, value } from './core-test-kit.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a desk while the central API\'s database is out of reach', () => {
  it('says the server fails, logs HTTP 503 storage_unavailable for IT, and sends the decision once when it is back', async () => {
    const url = new URL(await freshDatabaseUrl());
    const proxy = await startPostgresProxy(Number(url.port));
    cleanups.push(() => proxy.close());
    const viaProxy = new URL(url);
    viaProxy.port = String(proxy.port);
    const server: RunningServer = await startTestServer({ port: 0, databaseUrl: viaProxy.toString(), demoUsers: true, log: () => undefined });
    cleanups.push(() => server.close());
    await ingest(server.url, 1, 3);

    const temp = tempDir('db-outage-desk');
    const core: DeskCore = await createDeskCore({
      dataDir: temp.dir, apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 600_000, requestTimeoutMs: 2_000,
    });
    cleanups.push(temp.remove, () => core.close());
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    await value(core, 'sync.now', {});

    await proxy.cut();
    const { rows } = await value<{ rows: InboxRow[] }>(core, 'inbox.list', {});
    const appealId = rows[0]!.id;
    await value(core, 'appeals.route', { appealId, targetId: 'minzdrav' });
    const down = await value<SyncStatus>(core, 'sync.now', {});
    expect(down).toMatchObject({ state: 'offline', offlineCause: 'server', pending: 1,
      lastError: 'База данных сервера недоступна, повтор позже' });
    const log = await value<{ entries: SyncLogEntry[] }>(core, 'sync.log', {});
    expect(log.entries.filter((e) => e.level === 'error').at(-1)).toMatchObject({
      event: 'server_error', message: 'База данных сервера недоступна, повтор позже (для ИТ: HTTP 503 storage_unavailable)',
    });

    await proxy.restore();
    await value(core, 'sync.now', {});
    const healed = await statusMatching(core, (s) => s.state === 'online' && s.pending === 0);
    expect(healed.offlineCause).toBeUndefined();
    // Version 2: one decision applied on the ingested version 1, not twice.
    expect((await serverAppeals(server.url)).get(appealId)).toMatchObject({ status: 'routed', targetId: 'minzdrav', version: 2 });
  });

  it('says the network fails when nothing answers at all (the server\'s process gone)', async () => {
    const serverDir = tempDir('db-outage-server');
    const server = await startTestServer({ port: 0, dataDir: serverDir.dir, log: () => undefined });
    cleanups.push(serverDir.remove);
    await ingest(server.url, 1, 2);
    const temp = tempDir('db-outage-gone');
    const core = await createDeskCore({
      dataDir: temp.dir, apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 600_000, requestTimeoutMs: 1_000,
    });
    cleanups.push(temp.remove, () => core.close());
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    await value(core, 'sync.now', {});
    await server.close();
    const down = await value<SyncStatus>(core, 'sync.now', {});
    expect(down).toMatchObject({ state: 'offline', offlineCause: 'network' });
    expect(down.lastError).toMatch(/^Сервер недоступен: /);
  });
});
