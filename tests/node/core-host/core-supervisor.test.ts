// A core that dies is started again (electron/core/host/core-supervisor.ts): over real worker threads and the real
// reference server, a decision made just before the crash reaches the server once after it, calls made during the
// restart wait for the new core, and listeners of the window keep hearing the new one. A core that keeps dying is
// left stopped and the window is told so; closing during a restart starts nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskCore } from '../../../electron/core/desk-core.js';
import { connectCoreHost } from '../../../electron/core/host/core-client.js';
import type { CoreHostTransport } from '../../../electron/core/host/core-protocol.js';
import { superviseCore } from '../../../electron/core/host/core-supervisor.js';
import { startCoreWorker } from '../../../electron/core/host/core-worker-transport.js';
import { createMemoryTokenStore } from '../../../electron/core/token-store.js';
import { type RunningServer } from '../../../server/start-server.js';
import type { DeskResult } from '../../../shared/desk-api/contract.js';
import type { DeskLink } from '../../../shared/desk-api/session-contract.js';
import { startTestServer } from '../../harness/test-server.js';
import { centralCall, incomingAppeal, statusMatching, tempDir, value } from '../core/core-test-kit.js';

let serverDir: ReturnType<typeof tempDir>;
let server: RunningServer;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  serverDir = tempDir('supervised-server');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
  const { token } = await centralCall<{ token: string }>(server.url, '/session', { method: 'POST', body: { login: 'connector', password: 'connector' } });
  await centralCall(server.url, '/appeals', { method: 'POST', token, body: { appeals: Array.from({ length: 5 }, (_, i) => incomingAppeal(i + 1)) } });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server.close();
  serverDir.remove();
});

describe('a supervised core over worker threads', () => {
  it('dies, comes back on the same folder, and delivers the decision made before the crash once', async () => {
    const temp = tempDir('supervised-desk');
    cleanups.push(temp.remove);
    const tokens = createMemoryTokenStore();
    const transports: CoreHostTransport[] = [];
    const logs: string[] = [];
    // The undo window (1.5 s) keeps the decision in the outbox when the core dies.
    const connect = () => {
      const transport = startCoreWorker();
      transports.push(transport);
      return connectCoreHost(transport, {
        options: { dataDir: temp.dir, apiUrl: server.url, pushDelayMs: 1_500, syncIntervalMs: 60_000, requestTimeoutMs: 5_000 },
        tokenStore: tokens,
      });
    };
    const core = superviseCore(await connect(), connect, { delaysMs: [100, 100], log: (line) => logs.push(line) });
    cleanups.push(() => core.close());
    const links: DeskLink[] = [];
    core.on('desk.link', (link) => links.push(link as DeskLink));
    const changed: string[] = [];
    core.on('appeals.changed', (payload) => changed.push(...(payload as { ids: string[] }).ids));

    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    await value(core, 'sync.now', {});
    await value(core, 'appeals.route', { appealId: 'a-00003', targetId: 'mingkh' });
    expect(await value<{ pending: number }>(core, 'sync.status', {})).toMatchObject({ pending: 1 });

    await transports[0]!.terminate(); // as a crashed utility process: the core client sees it end unasked
    expect(links).toEqual([{ connected: false, restarting: true }]);
    // Asked during the restart, answered by the new core: signed in still (the token stayed on this side).
    expect(await value(core, 'session.get', {})).toMatchObject({ user: { id: 'u-operator1' } });
    expect(links).toEqual([{ connected: false, restarting: true }, { connected: true }]);
    expect(transports).toHaveLength(2);

    await statusMatching(core, (status) => status.pending === 0 && status.state === 'online');
    const lead = await centralCall<{ token: string }>(server.url, '/session', { method: 'POST', body: { login: 'lead', password: 'lead' } });
    const page = await centralCall<{ appeals: { id: string; status: string; version: number }[] }>(server.url, '/changes?limit=1000', { token: lead.token });
    expect(page.appeals.find((a) => a.id === 'a-00003')).toMatchObject({ status: 'routed', version: 2 });

    // The window's listeners, subscribed before the crash, hear the new core.
    await value(core, 'appeals.route', { appealId: 'a-00004', targetId: 'minzdrav' });
    await expect.poll(() => changed.includes('a-00004')).toBe(true);
    expect(logs.some((line) => line.includes('restarting it in 100 ms'))).toBe(true);
  });
});

/** A stand-in core: answers every call with its name, and `crash()` says what the core client says of a crash. */
function fakeCore(name: string) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let closed = false;
  const core: DeskCore & { crash(): void; closed(): boolean } = {
    call: async () => ({ ok: true, value: name }) as DeskResult<unknown>,
    callJson: async () => JSON.stringify({ ok: true, value: name }),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
    async close() {
      closed = true;
    },
    crash() {
      for (const listener of listeners.get('desk.link') ?? []) listener({ connected: false });
    },
    closed: () => closed,
  };
  return core;
}

describe('restarts are limited', () => {
  it('a core that keeps dying is left stopped, and the window is told to restart the program', async () => {
    const first = fakeCore('first');
    let tries = 0;
    const core = superviseCore(first, () => {
      tries += 1;
      return Promise.reject(new Error('cache is corrupt'));
    }, { delaysMs: [10, 10] });
    const links: DeskLink[] = [];
    core.on('desk.link', (link) => links.push(link as DeskLink));
    expect(await core.call('x', {})).toEqual({ ok: true, value: 'first' });
    first.crash();
    const answer = await core.call('x', {}); // waits through both failed restarts
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('перезапустите') } });
    expect(tries).toBe(2);
    expect(links).toEqual([{ connected: false, restarting: true }, { connected: false, restarting: true }, { connected: false }]);
  });

  it('a call the crash cut off asks to be repeated, not to restart the program; it is not repeated by itself', async () => {
    const dying = fakeCore('dying');
    let answerCut: ((result: DeskResult<unknown>) => void) | null = null;
    let calls = 0;
    dying.call = () => {
      calls += 1;
      return new Promise((resolve) => (answerCut = resolve));
    };
    const core = superviseCore(dying, () => Promise.resolve(fakeCore('next')), { delaysMs: [20] });
    const inFlight = core.call('appeals.route', { appealId: 'a-1', targetId: 'mingkh' });
    await expect.poll(() => calls).toBe(1); // on its way to the core
    dying.crash();
    // What the core client answers a call its core never answered:
    answerCut!({ ok: false, error: { code: 'internal', message: 'Рабочая часть программы остановилась; перезапустите программу' } });
    expect(await inFlight).toMatchObject({ ok: false, error: { message: expect.stringContaining('повторите действие') } });
    expect(calls).toBe(1);
    expect(await core.call('x', {})).toEqual({ ok: true, value: 'next' });
  });

  it('crashes far apart start the count again; closing during a restart starts nothing', async () => {
    let clock = 0;
    const cores = [fakeCore('a'), fakeCore('b'), fakeCore('c')];
    let next = 1;
    const core = superviseCore(cores[0]!, () => Promise.resolve(cores[next++]!), { delaysMs: [10], resetAfterMs: 1_000, now: () => clock });
    cores[0]!.crash();
    expect(await core.call('x', {})).toEqual({ ok: true, value: 'b' });
    clock += 5_000; // a day's work later, one more crash: restarted again
    cores[1]!.crash();
    expect(await core.call('x', {})).toEqual({ ok: true, value: 'c' });

    const dying = fakeCore('d');
    let restarted = false;
    const closing = superviseCore(dying, () => {
      restarted = true;
      return Promise.resolve(fakeCore('late'));
    }, { delaysMs: [50] });
    dying.crash();
    const waiting = closing.call('x', {});
    await closing.close(); // the program quits before the restart is due
    expect(await waiting).toMatchObject({ ok: false, error: { message: 'Программа завершает работу' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(restarted).toBe(false);
    expect(dying.closed()).toBe(false); // it is gone already: nothing to close
  });
});
