// Favourites per operator (#13 item 5) against the real reference server: each operator on a shared desk has their
// own nine, a change goes to /me/preferences, a sign-in on another desk pulls it, and offline the local copy serves
// and is sent once the server is back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { createMemoryTokenStore } from '../../../electron/core/token-store.js';
import { type RunningServer } from '../../../server/start-server.js';
import type { SyncStatus } from '../../../shared/desk-api/contract.js';
import { centralCall, nextEvent, statusMatching, tempDir, value } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

let serverDir: ReturnType<typeof tempDir>;
const coreDirs: ReturnType<typeof tempDir>[] = [];
const cores: DeskCore[] = [];
let server: RunningServer;

async function desk(): Promise<DeskCore> {
  const dir = tempDir('favorites-core');
  coreDirs.push(dir);
  const core = await createDeskCore({ dataDir: dir.dir, apiUrl: server.url, tokenStore: createMemoryTokenStore(),
    pushDelayMs: 600_000, syncIntervalMs: 600_000 });
  cores.push(core);
  return core;
}

async function signIn(core: DeskCore, login: string): Promise<void> {
  await value(core, 'session.login', { login, password: login });
  await statusMatching(core, (s: SyncStatus) => s.state === 'online');
}

const favorites = async (core: DeskCore) => (await value<{ targetIds: string[] }>(core, 'favorites.get', {})).targetIds;

async function serverList(login: string): Promise<string[] | null> {
  const { token } = await centralCall<{ token: string }>(server.url, '/session', { method: 'POST', body: { login, password: login } });
  return (await centralCall<{ favoriteTargets: string[] | null }>(server.url, '/me/preferences', { token })).favoriteTargets;
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeEach(async () => {
  serverDir = tempDir('favorites-server');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  await server.close();
  for (const dir of coreDirs.splice(0)) dir.remove();
  serverDir.remove();
});

describe('favourites per operator', () => {
  it('keeps each operator their own on one desk and sends them to the server', async () => {
    const core = await desk();
    await signIn(core, 'operator1');
    const defaults = await favorites(core);
    expect(defaults[0]).toBe('mingkh');
    expect(await value(core, 'favorites.set', { targetIds: ['minzdrav', 'mintrans'] })).toEqual({ targetIds: ['minzdrav', 'mintrans'] });
    expect(await until(() => serverList('operator1'), (l) => l !== null)).toEqual(['minzdrav', 'mintrans']);

    await value(core, 'session.signOut', {});
    await signIn(core, 'operator2');
    expect(await favorites(core)).toEqual(defaults);
    await value(core, 'favorites.set', { targetIds: ['gov'] });
    expect(await until(() => serverList('operator2'), (l) => l !== null)).toEqual(['gov']);

    await value(core, 'session.signOut', {});
    await signIn(core, 'operator1');
    expect(await favorites(core)).toEqual(['minzdrav', 'mintrans']);
    expect(await serverList('operator1')).toEqual(['minzdrav', 'mintrans']);
  });

  it('pulls an operator\'s list on sign-in at another desk, announcing it', async () => {
    const first = await desk();
    await signIn(first, 'operator1');
    await value(first, 'favorites.set', { targetIds: ['minobr'] });
    await until(() => serverList('operator1'), (l) => l !== null);

    const second = await desk();
    const announced = nextEvent<{ targetIds: string[] }>(second, 'favorites.changed', (p) => p.targetIds[0] === 'minobr');
    await signIn(second, 'operator1');
    expect((await announced).targetIds).toEqual(['minobr']);
    expect(await favorites(second)).toEqual(['minobr']);
  });

  it('keeps a change made offline and sends it when the server is back', async () => {
    const core = await desk();
    await signIn(core, 'operator1');
    const port = Number(new URL(server.url).port);
    await server.close();
    await value(core, 'sync.now', {});
    expect(await value(core, 'favorites.set', { targetIds: ['minsoc'] })).toEqual({ targetIds: ['minsoc'] });
    expect(await favorites(core)).toEqual(['minsoc']);

    server = await startTestServer({ port, dataDir: serverDir.dir });
    await value(core, 'sync.now', {});
    expect(await until(() => serverList('operator1'), (l) => l !== null)).toEqual(['minsoc']);
    // The sent list is not overwritten by a pull of an older one.
    expect(await favorites(core)).toEqual(['minsoc']);
  });

  it('lets a locked machine list win over an operator\'s own', async () => {
    const core = await desk();
    await signIn(core, 'operator1');
    await value(core, 'favorites.set', { targetIds: ['minzdrav'] });
    // The shell applies IT's policy (favorites.setMachine is refused to pages: ipc-guard, the harness).
    await value(core, 'favorites.setMachine', { targetIds: ['gov', 'mingkh'], locked: true });
    expect(await favorites(core)).toEqual(['gov', 'mingkh']);
    // Locked: the operator's own change is refused, not stored to surface later.
    expect(await core.call('favorites.set', { targetIds: ['minsoc'] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The policy unlocks with the same list: the operator's own list is theirs again at once.
    await value(core, 'favorites.setMachine', { targetIds: ['gov', 'mingkh'], locked: false });
    expect(await favorites(core)).toEqual(['minzdrav']);
    // The policy drops its list: no lock and no machine list stay behind.
    await value(core, 'favorites.setMachine', { targetIds: ['gov'], locked: true });
    await value(core, 'favorites.setMachine', { targetIds: null, locked: false });
    expect(await favorites(core)).toEqual(['minzdrav']);
    expect((await value<{ targetIds: string[] }>(core, 'favorites.set', { targetIds: ['minsoc'] })).targetIds).toEqual(['minsoc']);
  });
});
