// Issue 12, defect 5: the browser workstation's bridge on 127.0.0.1 is reachable by every program of every user on
// the machine, and Origin is just a header any of them can forge. Each harness start makes a secret key, hands it to
// the page in the URL fragment only, and every bridge route (calls and the event stream) refuses a request without it.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CACHE_FILE_NAME } from '../../../electron/core/cache/local-cache.js';
import { type RunningServer } from '../../../server/start-server.js';
import { startHarness, type Harness } from '../../harness/start-harness.js';
import { startTestServer } from '../../harness/test-server.js';

let dir: string;
let server: RunningServer;
let harness: Harness | null;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'desk-harness-key-'));
  const renderer = path.join(dir, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log("app")');
  server = await startTestServer({ port: 0, dataDir: path.join(dir, 'server'), demo: 5 });
  harness = null;
});

afterEach(async () => {
  await harness?.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<Harness> {
  harness = await startHarness({ apiUrl: server.url, dataDir: path.join(dir, 'desk'), rendererDir: path.join(dir, 'renderer') });
  return harness;
}

/** What the page is given: the key in the fragment of the URL to open, nowhere else. */
function keyOf(h: Harness): string {
  return new URLSearchParams(new URL(h.url).hash.slice(1)).get('k') ?? '';
}

function originOf(h: Harness): string {
  return new URL(h.url).origin;
}

/** A local program that forges everything a browser page would send (the right Origin and Host), plus `key` if given. */
function forgedLogin(h: Harness, key?: string): Promise<Response> {
  return fetch(`${originOf(h)}/__harness/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: originOf(h), ...(key !== undefined ? { 'x-desk-key': key } : {}) },
    body: JSON.stringify({ method: 'session.login', input: { login: 'operator1', password: 'operator1' } }),
  });
}

async function signedInUser(h: Harness): Promise<unknown> {
  const session = await h.core.call('session.get', {});
  if (!session.ok) throw new Error(session.error.message);
  return (session.value as { user: unknown }).user;
}

async function expectRefused(response: Response): Promise<void> {
  expect(response.status).toBe(401);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  // No detail: nothing about what was expected, how long it is, or what arrived.
  expect(await response.json()).toEqual({ error: 'unauthorized' });
}

/** Reads the whole body (or up to `ms`); a refused stream must end at once with no event bytes. */
async function readAll(response: Response, ms = 2_000): Promise<{ text: string; ended: boolean }> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const deadline = Date.now() + ms;
  for (;;) {
    const next = await Promise.race([
      reader.read(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), Math.max(0, deadline - Date.now()))),
    ]);
    if (next === null) {
      await reader.cancel();
      return { text, ended: false };
    }
    if (next.done) return { text, ended: true };
    text += next.value;
  }
}

describe('harness per-start key', () => {
  it('hands a fresh 32-byte key to the page in the URL fragment only', async () => {
    const first = await start();
    const key = keyOf(first);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key, 'base64url')).toHaveLength(32);
    expect(first.url).toBe(`http://127.0.0.1:${first.port}/#k=${key}`);
    // The page and the bridge script are served without the key and do not contain it.
    const page = await fetch(`${originOf(first)}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain(key);
    const bridge = await fetch(`${originOf(first)}/__harness/desk-bridge.js`);
    expect(bridge.status).toBe(200);
    expect(await bridge.text()).not.toContain(key);
    await first.close();
    harness = null;
    const second = await start();
    expect(keyOf(second)).not.toBe(key);
  });

  it('refuses a call with a forged Origin but no key: 401, and the core does nothing', async () => {
    const h = await start();
    await expectRefused(await forgedLogin(h));
    await expectRefused(await forgedLogin(h, ''));
    expect(await signedInUser(h)).toBeNull();
  });

  it('refuses a wrong key, of the right length or not, and the key in the query string', async () => {
    const h = await start();
    const key = keyOf(h);
    const sameLength = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    await expectRefused(await forgedLogin(h, sameLength));
    await expectRefused(await forgedLogin(h, key.slice(0, 20)));
    await expectRefused(await forgedLogin(h, `${key}x`));
    await expectRefused(await forgedLogin(h, key.toUpperCase()));
    const inQuery = await fetch(`${originOf(h)}/__harness/call?k=${key}`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: originOf(h) },
      body: JSON.stringify({ method: 'session.login', input: { login: 'operator1', password: 'operator1' } }),
    });
    await expectRefused(inQuery);
    expect(await signedInUser(h)).toBeNull();
  });

  it('refuses the event stream without the right key: 401 and not one event byte', async () => {
    const h = await start();
    const key = keyOf(h);
    const refused = await Promise.all([
      fetch(`${originOf(h)}/__harness/events`, { headers: { origin: originOf(h) } }),
      fetch(`${originOf(h)}/__harness/events`, { headers: { 'x-desk-key': `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}` } }),
      fetch(`${originOf(h)}/__harness/events?k=${key}`),
    ]);
    // Events happen while the refused streams would be open.
    const login = await (await forgedLogin(h, key)).json();
    expect(login).toMatchObject({ ok: true });
    for (const response of refused) {
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const { text, ended } = await readAll(response);
      expect(ended).toBe(true);
      expect(text).toBe('{"error":"unauthorized"}'); // exactly this: no event, no user data
    }
  });

  // The event stream with the right key is harness.test.ts's «delivers core events» case.
  it('works with the right key: the call runs', async () => {
    const h = await start();
    const key = keyOf(h);
    expect(key).not.toBe('');
    const response = await forgedLogin(h, key);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true });
    expect(await signedInUser(h)).toMatchObject({ id: 'u-operator1' });
  });
});

// As Electron loads its window while the core's utility process starts, the harness serves the page before the core
// is ready (the UI bench opens it then); a call made meanwhile waits for the core rather than failing, and still
// needs the key.
describe('the harness listens while its core starts', () => {
  it('hands out the page address before the core is ready, and a call made then is answered once it is', async () => {
    let early: { url: string; login: Promise<Response>; refused: Promise<Response> } | null = null;
    let cacheExisted: boolean | null = null;
    const starting = startHarness({
      apiUrl: server.url, dataDir: path.join(dir, 'desk'), rendererDir: path.join(dir, 'renderer'),
      onListening: (url) => {
        // The core has not opened its cache yet (a fresh folder): the page is served while the core starts.
        cacheExisted = existsSync(path.join(dir, 'desk', CACHE_FILE_NAME));
        const origin = new URL(url).origin;
        const key = new URLSearchParams(new URL(url).hash.slice(1)).get('k') ?? '';
        const call = (headers: Record<string, string>) => fetch(`${origin}/__harness/call`, {
          method: 'POST', headers: { 'content-type': 'application/json', origin, ...headers },
          body: JSON.stringify({ method: 'session.login', input: { login: 'operator1', password: 'operator1' } }),
        });
        early = { url, login: call({ 'x-desk-key': key }), refused: call({}) };
      },
    });
    harness = await starting;
    expect(early).not.toBeNull();
    const { url, login, refused } = early as unknown as { url: string; login: Promise<Response>; refused: Promise<Response> };
    expect(url).toBe(harness.url);
    expect(cacheExisted).toBe(false);
    expect(existsSync(path.join(dir, 'desk', CACHE_FILE_NAME))).toBe(true);
    expect((await refused).status).toBe(401);
    expect(await (await login).json()).toMatchObject({ ok: true });
    expect(await signedInUser(harness)).toMatchObject({ id: 'u-operator1' });
  });
});
