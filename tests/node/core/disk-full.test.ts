// Issue 12: a full disk under the desk's data folder is said as such («На диске закончилось место…»), never as an
// internal error, and never flips the status offline; the refused decision is not reported saved, and once space is
// freed it goes through to the server. A real full disk: a small tmpfs mounted over the data folder (needs root or
// CAP_SYS_ADMIN; skipped with the reason elsewhere).
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHE_FILE_NAME } from '../../../electron/core/cache/local-cache.js';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { createMemoryTokenStore } from '../../../electron/core/token-store.js';
import { type RunningServer } from '../../../server/start-server.js';
import type { SyncStatus } from '../../../shared/desk-api/contract.js';
import { centralCall, incomingAppeal, statusMatching, tempDir, value } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const api = <T>(server: RunningServer, path: string, init: Parameters<typeof centralCall>[2] = {}): Promise<T> =>
  centralCall<T>(server.url, path, init);

/** Fills the file system holding `file` to the last byte (the write stops at ENOSPC). */
function fillDisk(file: string): void {
  try {
    writeFileSync(file, Buffer.alloc(256 * 1024 * 1024));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    return;
  }
  throw new Error('the disk did not fill up');
}

describe('a full disk under the data folder', () => {
  it('says the disk is full, keeps the status online, saves nothing, and the decision goes through once space is freed', async (ctx) => {
    const serverDir = tempDir('diskfull-server');
    cleanups.push(serverDir.remove);
    const coreDir = tempDir('diskfull-core');
    cleanups.push(coreDir.remove);
    const data = join(coreDir.dir, 'data');
    mkdirSync(data);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m,mode=0700', 'tmpfs', data], { stdio: 'ignore' });
    } catch {
      ctx.skip('mounting a tmpfs is not permitted here (needs root or CAP_SYS_ADMIN)');
    }
    cleanups.push(() => {
      execFileSync('umount', [data]);
    });

    const server = await startTestServer({ port: 0, dataDir: serverDir.dir });
    cleanups.push(() => server.close());
    const connector = await api<{ token: string }>(server, '/session', { method: 'POST', body: { login: 'connector', password: 'connector' } });
    await api(server, '/appeals', { method: 'POST', token: connector.token, body: { appeals: [1, 2].map(incomingAppeal) } });
    const core: DeskCore = await createDeskCore({ dataDir: data, apiUrl: server.url, tokenStore: createMemoryTokenStore(),
      pushDelayMs: 100, syncIntervalMs: 600_000 });
    cleanups.push(() => core.close());
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    await statusMatching(core, (s: SyncStatus) => s.state === 'online' && s.lastSyncAt !== null);

    // Empty the WAL so that the next commit needs new blocks, then take every free block.
    const side = new Database(join(data, CACHE_FILE_NAME));
    side.pragma('busy_timeout = 5000');
    expect(side.pragma('wal_checkpoint(TRUNCATE)', { simple: true })).toBe(0);
    side.close();
    const filler = join(data, 'filler');
    fillDisk(filler);

    const refused = await core.call('appeals.route', { appealId: 'a-00001', targetId: 'minzdrav' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'disk_full' } });
    expect(!refused.ok && refused.error.message).toMatch(/^На диске закончилось место/);
    expect(!refused.ok && refused.error.message).not.toContain('Внутренняя ошибка');
    let status = await statusMatching(core, (s: SyncStatus) => s.state !== 'syncing');
    expect(status).toMatchObject({ state: 'online', pending: 0, offlineSince: null });

    // A sync run whose pulled rows cannot be stored: still online, the reason named.
    await api(server, '/appeals', { method: 'POST', token: connector.token, body: { appeals: [3].map(incomingAppeal) } });
    await value(core, 'sync.now', {});
    status = await statusMatching(core, (s: SyncStatus) => s.state !== 'syncing');
    expect(status).toMatchObject({ state: 'online', offlineSince: null });
    expect(status.lastError).toMatch(/^На диске закончилось место/);

    rmSync(filler);
    expect(await core.call('appeals.route', { appealId: 'a-00001', targetId: 'minzdrav' })).toMatchObject({ ok: true });
    // Saved now; the push after the (short) undo grace delivers it.
    status = await statusMatching(core, (s: SyncStatus) => s.state === 'online' && s.pending === 0);
    expect(status.lastError).toBeNull();
    const lead = await api<{ token: string }>(server, '/session', { method: 'POST', body: { login: 'lead', password: 'lead' } });
    const { appeals } = await api<{ appeals: { id: string; targetId: string | null }[] }>(server, '/changes?limit=1000', { token: lead.token });
    expect(appeals.find((a) => a.id === 'a-00001')?.targetId).toBe('minzdrav');
  });
});
