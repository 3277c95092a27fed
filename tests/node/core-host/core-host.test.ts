// Issue 12: the core runs off the UI's thread behind the core host protocol (electron/core/host/). Here the host runs
// in a worker thread, as the harness runs it, against the real reference server: start, sign-in (the token reaches
// the host side's store), inbox, a route and its event, close; a start failure keeps its CacheOpenError kind; a
// malformed message is refused, not fatal; a host that dies answers every waiting call.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_FILE_NAME } from '../../../electron/core/cache/local-cache.js';
import { CacheOpenError, createDeskCore, START_FRESH_FLAG, type DeskCore } from '../../../electron/core/desk-core.js';
import { connectCoreHost } from '../../../electron/core/host/core-client.js';
import {
  CORE_PROTOCOL_VERSION, CoreToHostMessage, START_FRESH_CACHE_FLAG, type CoreHostTransport, type HostToCoreMessage,
} from '../../../electron/core/host/core-protocol.js';
import { startCoreWorker } from '../../../electron/core/host/core-worker-transport.js';
import { createMemoryTokenStore, type TokenStore } from '../../../electron/core/token-store.js';
import { type RunningServer } from '../../../server/start-server.js';
import type { InboxRow } from '../../../shared/desk-api/contract.js';
import { centralCall, deadPort, incomingAppeal, nextEvent, statusMatching, tempDir, value } from '../core/core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

let serverDir: ReturnType<typeof tempDir>;
let server: RunningServer;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  serverDir = tempDir('host-server');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
  const { token } = await api<{ token: string }>('/session', { method: 'POST', body: { login: 'connector', password: 'connector' } });
  await api('/appeals', { method: 'POST', token, body: { appeals: Array.from({ length: 5 }, (_, i) => incomingAppeal(i + 1)) } });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server.close();
  serverDir.remove();
});

const api = <T>(path: string, init?: Parameters<typeof centralCall>[2]): Promise<T> => centralCall<T>(server.url, path, init);

function dataDir(label: string): string {
  const temp = tempDir(label);
  cleanups.push(temp.remove);
  return temp.dir;
}

async function hostedCore(dir: string, tokenStore: TokenStore, logs: string[] = []): Promise<DeskCore> {
  const core = await connectCoreHost(startCoreWorker(), {
    options: { dataDir: dir, apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 60_000, requestTimeoutMs: 5_000 },
    tokenStore,
    log: (line) => logs.push(line),
  });
  cleanups.push(() => core.close());
  return core;
}

/** The raw protocol over a worker: what the core host sends back, in order, and a way to wait for one message. */
function rawHost(): { transport: CoreHostTransport; next: (type: CoreToHostMessage['type']) => Promise<CoreToHostMessage> } {
  const transport = startCoreWorker();
  const received: CoreToHostMessage[] = [];
  const waiting: Array<{ type: string; resolve: (message: CoreToHostMessage) => void }> = [];
  transport.onMessage((raw) => {
    const message = CoreToHostMessage.parse(raw);
    const index = waiting.findIndex((w) => w.type === message.type);
    if (index >= 0) waiting.splice(index, 1)[0]?.resolve(message);
    else received.push(message);
  });
  transport.onExit(() => undefined);
  cleanups.push(() => transport.terminate());
  return {
    transport,
    next: (type) => {
      const index = received.findIndex((message) => message.type === type);
      if (index >= 0) return Promise.resolve(received.splice(index, 1)[0] as CoreToHostMessage);
      return new Promise((resolve) => waiting.push({ type, resolve }));
    },
  };
}

describe('the core host in a worker thread', () => {
  it('signs in, lists the inbox, routes with an event, keeps the token on the host side, and closes', async () => {
    const tokens = createMemoryTokenStore();
    const logs: string[] = [];
    const core = await hostedCore(dataDir('host-loop'), tokens, logs);
    expect(await value(core, 'session.get', {})).toMatchObject({ user: null });

    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    // The save message arrives before the call's result: the host side's store already holds the token.
    expect(tokens.load()).toEqual(expect.any(String));
    await value(core, 'sync.now', {});
    const inbox = await value<{ rows: InboxRow[]; total: number }>(core, 'inbox.list', {});
    expect(inbox.total).toBe(5);

    const changed = nextEvent<{ ids: string[] }>(core, 'appeals.changed', (p) => p.ids.includes('a-00003'));
    await value(core, 'appeals.route', { appealId: 'a-00003', targetId: 'mingkh' });
    await changed;
    await statusMatching(core, (status) => status.pending === 0 && status.state === 'online');
    const lead = await api<{ token: string }>('/session', { method: 'POST', body: { login: 'lead', password: 'lead' } });
    const page = await api<{ appeals: Array<{ id: string; status: string; targetId: string | null }> }>('/changes?limit=1000', { token: lead.token });
    expect(page.appeals.find((appeal) => appeal.id === 'a-00003')).toMatchObject({ status: 'routed', targetId: 'mingkh' });
    // The core's log lines cross as messages.
    expect(logs.some((line) => line.startsWith('core: started'))).toBe(true);

    await core.close();
    expect(logs).toContain('core: closed');
    expect(await core.call('session.get', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('a sign-out clears the host side\'s token store', async () => {
    const tokens = createMemoryTokenStore();
    const core = await hostedCore(dataDir('host-signout'), tokens);
    await value(core, 'session.login', { login: 'operator1', password: 'operator1' });
    expect(tokens.load()).not.toBeNull();
    expect(await value(core, 'session.signOut', { unsent: 'discard' })).toMatchObject({ outcome: 'signed-out' });
    expect(tokens.load()).toBeNull();
  });

  it('answers an unknown method and bad input as the in-process core does', async () => {
    const core = await hostedCore(dataDir('host-bad'), createMemoryTokenStore());
    expect(await core.call('no.such.method', {})).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await core.call('inbox.list', { limit: 'many' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // An input structured clone cannot carry never leaves this side, and the host stays usable.
    expect(await core.call('inbox.list', { limit: () => 1 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await core.call('session.get', {})).toMatchObject({ ok: true });
  });

  it('a start failure arrives as the same CacheOpenError kind and message as in-process', async () => {
    const dir = dataDir('host-missing');
    const apiUrl = `http://127.0.0.1:${await deadPort()}`;
    // A session token but no cache file: the desk was used here, unsent decisions may be lost (cache_missing).
    const hosted = await connectCoreHost(startCoreWorker(), {
      options: { dataDir: dir, apiUrl }, tokenStore: createMemoryTokenStore('token-of-a-used-desk'),
    }).then(() => null, (error: unknown) => error);
    expect(hosted).toBeInstanceOf(CacheOpenError);
    expect((hosted as CacheOpenError).code).toBe('cache_missing');
    const direct = await createDeskCore({ dataDir: dir, apiUrl, tokenStore: createMemoryTokenStore('token-of-a-used-desk') })
      .then(() => null, (error: unknown) => error);
    expect((hosted as CacheOpenError).message).toBe((direct as CacheOpenError).message);
    expect(existsSync(join(dir, CACHE_FILE_NAME))).toBe(false);
  });
});

/** A result message's answer: its JSON text, read (the core writes it in its own thread; see core-protocol.ts). */
function answer(message: unknown, id: number): unknown {
  expect(message).toMatchObject({ type: 'result', id, json: expect.any(String) });
  return JSON.parse((message as { json: string }).json);
}

describe('the protocol', () => {
  it('names the start-fresh flag as the cache code does (main reads it without bundling the cache)', () => {
    expect(START_FRESH_CACHE_FLAG).toBe(START_FRESH_FLAG);
  });

  it('refuses malformed messages with a clear reason and keeps serving', async () => {
    const { transport, next } = rawHost();
    const send = (message: unknown): void => transport.send(message as HostToCoreMessage);
    send({ type: 'bogus' });
    expect(await next('refused')).toMatchObject({ reason: expect.stringContaining('not a core host message') });
    send('just a string');
    expect(await next('refused')).toMatchObject({ reason: expect.stringContaining('not a core host message') });
    // A call whose id is readable still gets an answer, so no caller waits forever.
    send({ type: 'call', id: 7, method: 42 });
    expect(await next('refused')).toMatchObject({ id: 7 });
    expect(answer(await next('result'), 7)).toEqual({ ok: false, error: { code: 'bad_request', message: expect.any(String) } });
    // A call before start is answered, not dropped.
    send({ type: 'call', id: 8, method: 'session.get', input: {} });
    expect(answer(await next('result'), 8)).toMatchObject({ ok: false, error: { code: 'internal' } });
    // An unknown protocol version is refused.
    send({ type: 'start', version: CORE_PROTOCOL_VERSION + 1, options: { dataDir: dataDir('raw'), apiUrl: server.url }, token: null });
    expect(await next('refused')).toMatchObject({ reason: expect.stringContaining('version') });

    send({ type: 'start', version: CORE_PROTOCOL_VERSION, options: { dataDir: dataDir('raw2'), apiUrl: server.url }, token: null });
    await next('ready');
    send({ type: 'start', version: CORE_PROTOCOL_VERSION, options: { dataDir: dataDir('raw3'), apiUrl: server.url }, token: null });
    expect(await next('refused')).toMatchObject({ reason: 'start while ready' });
    send({ type: 'call', id: 9, method: 'session.get', input: {} });
    expect(answer(await next('result'), 9)).toMatchObject({ ok: true, value: { user: null } });
    send({ type: 'close' });
    await next('closed');
  });

  it('the host side ignores messages not of the protocol, answers waiting calls and tells the window when the host dies', async () => {
    let deliver: (message: unknown) => void = () => undefined;
    let exit: (detail: string) => void = () => undefined;
    const sent: HostToCoreMessage[] = [];
    const logs: string[] = [];
    const fake: CoreHostTransport = {
      send: (message) => void sent.push(message),
      onMessage: (listener) => (deliver = listener),
      onExit: (listener) => (exit = listener),
      terminate: async () => undefined,
    };
    const connecting = connectCoreHost(fake, { options: { dataDir: '/nowhere', apiUrl: 'http://127.0.0.1:9' }, tokenStore: createMemoryTokenStore(), log: (l) => logs.push(l) });
    expect(sent[0]).toMatchObject({ type: 'start', version: CORE_PROTOCOL_VERSION, token: null });
    deliver({ type: 'result', id: 'x' });
    deliver(null);
    deliver({ type: 'ready' });
    const core = await connecting;
    expect(logs.filter((line) => line.includes('not of the protocol'))).toHaveLength(2);
    // A result's text goes to callJson as it is; call reads it, and text that is no DeskResult is an internal error.
    const asText = core.callJson('session.get', {});
    deliver({ type: 'result', id: 0, json: '{"ok":true,"value":{"user":null}}' });
    expect(await asText).toBe('{"ok":true,"value":{"user":null}}');
    const unreadable = core.call('session.get', {});
    deliver({ type: 'result', id: 1, json: '{"ok":"maybe"}' });
    expect(await unreadable).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('не прочитан') } });
    const notJson = core.call('session.get', {});
    deliver({ type: 'result', id: 2, json: '{' });
    expect(await notJson).toMatchObject({ ok: false, error: { code: 'internal' } });
    const waiting = core.call('session.get', {});
    // The window is told its core is gone (ipc.ts forwards every event), so it stops showing «В сети».
    const links: unknown[] = [];
    core.on('desk.link', (payload) => links.push(payload));
    exit('utility process crashed (code 9)');
    expect(links).toEqual([{ connected: false }]);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await core.call('session.get', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logs).toContain('core client: the core stopped: utility process crashed (code 9)');
  });
});
