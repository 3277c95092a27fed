// Sign-out revokes the session on the server too (DELETE /session, best-effort): the token the desk held
// stops working at once, and an unreachable server does not hold up or fail the sign-out.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openLocalCache } from '../../../electron/core/cache/local-cache.js';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { createMemoryTokenStore } from '../../../electron/core/token-store.js';
import { type RunningServer } from '../../../server/start-server.js';
import { API_PREFIX } from '../../../shared/central-api/contract.js';
import { deadPort, tempDir, value } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

const dirs: ReturnType<typeof tempDir>[] = [];
let server: RunningServer | undefined;
let core: DeskCore | undefined;
afterEach(async () => {
  await core?.close();
  await server?.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

describe('sign-out revokes the server session', () => {
  it('makes the old token answer 401', async () => {
    const serverDir = tempDir('revoke-server');
    const coreDir = tempDir('revoke-core');
    dirs.push(serverDir, coreDir);
    server = await startTestServer({ port: 0, dataDir: serverDir.dir });
    const tokens = createMemoryTokenStore();
    core = await createDeskCore({ dataDir: coreDir.dir, apiUrl: server.url, tokenStore: tokens,
      pushDelayMs: 600_000, syncIntervalMs: 600_000 });
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    const token = tokens.load();
    if (token === null) throw new Error('no token after login');
    const targets = async () =>
      (await fetch(`${server!.url}${API_PREFIX}/targets`, { headers: { authorization: `Bearer ${token}` } })).status;
    expect(await targets()).toBe(200);
    expect(await value(core, 'session.signOut', { unsent: 'ask' })).toMatchObject({ outcome: 'signed-out' });
    // Fire-and-forget: wait for the condition, not a fixed time.
    await vi.waitFor(async () => expect(await targets()).toBe(401), { timeout: 10_000, interval: 20 });
  });

  it('signs out locally when the server cannot be reached', async () => {
    const coreDir = tempDir('revoke-offline');
    dirs.push(coreDir);
    // A desk used before: its cache exists beside the stored token (a token without a cache is refused, issue 12).
    openLocalCache(coreDir.dir).db.close();
    core = await createDeskCore({ dataDir: coreDir.dir, apiUrl: `http://127.0.0.1:${await deadPort()}`,
      tokenStore: createMemoryTokenStore('f'.repeat(64)), pushDelayMs: 600_000, syncIntervalMs: 600_000 });
    const result = await value<{ outcome: string; session: { user: unknown } }>(core, 'session.signOut', { unsent: 'discard' });
    expect(result).toMatchObject({ outcome: 'signed-out', session: { user: null } });
  });
});
