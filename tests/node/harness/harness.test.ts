// The browser test harness over real loopback HTTP: static serving and its traversal guard, the CSP
// header, the bridge script, the call endpoint and server-sent events, with the real core and server.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer } from '../../../server/start-server.js';
import { startHarness, type Harness } from '../../harness/start-harness.js';
import { startTestServer } from '../../harness/test-server.js';

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; object-src 'none'";
const INDEX_HTML = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<script type="module" crossorigin src="/assets/app.js"></script>
</head><body><div id="root"></div></body></html>`;

let dir: string;
let server: RunningServer | null;
let harness: Harness | null;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'desk-harness-'));
  const renderer = path.join(dir, 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(path.join(renderer, 'assets', 'app.css'), 'body{}');
  // A file beside the build folder that no request may reach.
  writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  server = null;
  harness = null;
});

afterEach(async () => {
  await harness?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(apiUrl = 'http://127.0.0.1:9'): Promise<Harness> {
  harness = await startHarness({
    apiUrl, dataDir: path.join(dir, 'desk'), rendererDir: path.join(dir, 'renderer'), port: 0,
  });
  return harness;
}

/** Raw GET that sends the path exactly as written (fetch would normalise `..` away). */
function rawGet(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function call(h: Harness, method: unknown, input: unknown): Promise<Response> {
  // A browser sends Origin on every POST; Node's fetch does not, so the tests send what the page would.
  return fetch(`${h.origin}/__harness/call`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: h.origin, 'x-desk-key': h.key },
    body: JSON.stringify({ method, input }),
  });
}

/** A request with an arbitrary Host header (fetch forbids setting it). */
function rawRequest(port: number, options: { path: string; method?: string; headers?: Record<string, string>; body?: string | undefined }):
  Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('harness static files', () => {
  it('refuses to start without the built page, saying to build it (not a server that answers «Not found»)', async () => {
    rmSync(path.join(dir, 'renderer', 'index.html'));
    await expect(start()).rejects.toThrow(/the page is not built: .*index\.html is missing — run `npm run build` first/);
  });

  it('serves index.html with the bridge as the first script and the page CSP as a header', async () => {
    const h = await start();
    expect(h.origin).toBe(`http://127.0.0.1:${h.port}`);
    expect(h.url).toBe(`http://127.0.0.1:${h.port}/#k=${h.key}`);
    const response = await fetch(`${h.origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    // The page's own policy plus what a meta cannot carry (frame-ancestors: content-security-policy.ts).
    expect(response.headers.get('content-security-policy')).toBe(`${CSP}; frame-ancestors 'none'`);
    const html = await response.text();
    const bridge = html.indexOf('<script src="/__harness/desk-bridge.js"></script>');
    expect(bridge).toBeGreaterThan(0);
    expect(bridge).toBeLessThan(html.indexOf('<script type="module"'));
    expect(html.indexOf('<script')).toBe(bridge);
  });

  it('serves assets with their content types', async () => {
    const h = await start();
    const js = await fetch(`${h.origin}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(`${CSP}; frame-ancestors 'none'`);
    expect(await js.text()).toBe('console.log("app")');
    const css = await fetch(`${h.origin}/assets/app.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2F..%2Fsecret.txt',
    '/..%5csecret.txt',
    '/assets/missing.js',
    '/assets',
    '/index.html%00',
  ])('answers 404 for %s', async (rawPath) => {
    const h = await start();
    const response = await rawGet(h.port, rawPath);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('do not serve');
  });

  it('serves the compiled bridge, which defines window.desk with call and on only', async () => {
    const h = await start();
    const response = await fetch(`${h.origin}/__harness/desk-bridge.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await response.text();
    expect(code).toContain('/__harness/call');
    expect(code).toContain('/__harness/events');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);

    // Run the bundle against a stand-in global to check the exact shape it installs, that it takes the key out of
    // the fragment (and the address bar) and that it opens the event stream at once with the key in a header, never
    // in the URL (Chromium itself runs it in the e2e tier).
    const requests: { url: string; headers: Record<string, string> }[] = [];
    const replaced: string[] = [];
    const stored = new Map<string, string>();
    const globalLike: Record<string, unknown> = {
      fetch: (url: string, init: { headers: Record<string, string> }) => {
        requests.push({ url, headers: init.headers });
        return new Promise(() => {});
      },
      location: { pathname: '/', search: '', hash: '#k=the-key' },
      history: { state: null, replaceState: (_state: unknown, _unused: string, url: string) => replaced.push(url) },
      sessionStorage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => stored.set(k, v) },
    };
    new Function('globalThis', code)(globalLike);
    const desk = globalLike.desk as Record<string, unknown>;
    expect(Object.keys(desk).sort()).toEqual(['call', 'on']);
    expect(Object.isFrozen(desk)).toBe(true);
    expect(requests).toEqual([{ url: '/__harness/events', headers: expect.objectContaining({ 'x-desk-key': 'the-key' }) }]);
    expect(replaced).toEqual(['/']);
    expect([...stored.values()]).toEqual(['the-key']);

    // A reload: no fragment any more, the key comes from the tab's sessionStorage.
    requests.length = 0;
    const reloaded: Record<string, unknown> = { ...globalLike, location: { pathname: '/', search: '', hash: '' } };
    new Function('globalThis', code)(reloaded);
    expect(requests).toEqual([{ url: '/__harness/events', headers: expect.objectContaining({ 'x-desk-key': 'the-key' }) }]);
  });
});

describe('harness call endpoint', () => {
  it('returns bad_request for an unknown method', async () => {
    const h = await start();
    const response = await call(h, 'inbox.drop', {});
    expect(response.status).toBe(200);
    const result = (await response.json()) as { ok: boolean; error?: { code: string } };
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // Known to the core but the shell's own (IT's policy favourites): the page may not call it either.
    const shellOnly = await (await call(h, 'favorites.setMachine', { targetIds: ['gov'], locked: true })).json();
    expect(shellOnly).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('returns bad_request for input the contract refuses', async () => {
    const h = await start();
    const result = await (await call(h, 'session.login', { login: '' })).json();
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('refuses malformed JSON, non-JSON bodies and foreign origins', async () => {
    const h = await start();
    const withKey = { 'x-desk-key': h.key };
    const broken = await fetch(`${h.origin}/__harness/call`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: h.origin, ...withKey }, body: '{"method":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const form = await fetch(`${h.origin}/__harness/call`, {
      method: 'POST', headers: { 'content-type': 'text/plain', origin: h.origin, ...withKey }, body: '{"method":"session.get","input":{}}',
    });
    expect(form.status).toBe(415);
    const foreign = await fetch(`${h.origin}/__harness/call`, {
      method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://evil.example', ...withKey },
      body: '{"method":"session.get","input":{}}',
    });
    expect(foreign.status).toBe(403);
  });

  it('requires the Origin header to be the page origin the Host names', async () => {
    const h = await start();
    const body = '{"method":"session.get","input":{}}';
    // With the key: the Origin check (another page in the same browser) still applies on its own.
    const json = { 'content-type': 'application/json', 'x-desk-key': h.key };
    const missing = await rawRequest(h.port, { path: '/__harness/call', method: 'POST', headers: json, body });
    expect(missing.status).toBe(403);
    const nullOrigin = await rawRequest(h.port, { path: '/__harness/call', method: 'POST', headers: { ...json, origin: 'null' }, body });
    expect(nullOrigin.status).toBe(403);
    const otherPort = await rawRequest(h.port, {
      path: '/__harness/call', method: 'POST', headers: { ...json, origin: `http://127.0.0.1:${h.port + 1}` }, body,
    });
    expect(otherPort.status).toBe(403);
    // The page opened as localhost: its own origin passes, the 127.0.0.1 one does not.
    const local = await rawRequest(h.port, {
      path: '/__harness/call', method: 'POST', headers: { ...json, host: `localhost:${h.port}`, origin: `http://localhost:${h.port}` }, body,
    });
    expect(local.status).toBe(200);
    expect(JSON.parse(local.body)).toMatchObject({ ok: true });
    const crossed = await rawRequest(h.port, {
      path: '/__harness/call', method: 'POST', headers: { ...json, host: `localhost:${h.port}`, origin: h.origin }, body,
    });
    expect(crossed.status).toBe(403);
  });

  it.each(['/', '/index.html', '/assets/app.js', '/__harness/desk-bridge.js', '/__harness/events', '/__harness/call'])(
    'refuses %s under a foreign Host (DNS rebinding)', async (requestPath) => {
      const h = await start();
      for (const host of [`evil.example:${h.port}`, 'evil.example', `127.0.0.1:${h.port + 1}`, `127.0.0.1.evil.example:${h.port}`]) {
        const method = requestPath === '/__harness/call' ? 'POST' : 'GET';
        const response = await rawRequest(h.port, {
          path: requestPath, method, body: method === 'POST' ? '{"method":"session.get","input":{}}' : undefined,
          headers: { host, origin: `http://${host}`, 'content-type': 'application/json', 'x-desk-key': h.key },
        });
        expect(response.status, host).toBe(421);
        expect(response.body).not.toContain('<script');
      }
      const ok = await rawRequest(h.port, { path: '/', headers: { host: `LOCALHOST:${h.port}` } });
      expect(ok.status).toBe(200);
    });

  it('passes known methods to the real core', async () => {
    const h = await start();
    const result = await (await call(h, 'session.get', {})).json();
    expect(result).toMatchObject({ ok: true, value: { user: null, apiUrl: 'http://127.0.0.1:9' } });
  });
});

describe('harness events', () => {
  it('hands a client that connects late the newest whole-state events (the first sync already done)', async () => {
    server = await startTestServer({ port: 0, dataDir: path.join(dir, 'server'), demo: 20 });
    const h = await start(server.url);
    expect(await (await call(h, 'session.login', { login: 'operator1', password: 'operator1' })).json()).toMatchObject({ ok: true });
    // Wait, with no stream open, until the core has published «online»: nothing will be published after it.
    for (let i = 0; i < 200; i++) {
      const status = (await (await call(h, 'sync.status', {})).json()) as { value?: { state?: string } };
      if (status.value?.state === 'online') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const abort = new AbortController();
    const stream = await fetch(`${h.origin}/__harness/events`, { headers: { 'x-desk-key': h.key }, signal: abort.signal });
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    while (!received.includes('event: sync.status\ndata: ') || !received.slice(received.indexOf('event: sync.status')).includes('\n\n')) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      received += value;
    }
    const frame = received.slice(received.indexOf('event: sync.status'));
    expect(JSON.parse(frame.split('\n')[1]!.slice('data: '.length))).toMatchObject({ state: 'online' });
    expect(received).toContain('event: session.changed\ndata: ');
    abort.abort();
  });

  it('delivers core events as server-sent events', async () => {
    server = await startTestServer({ port: 0, dataDir: path.join(dir, 'server'), demo: 20 });
    const h = await start(server.url);

    const abort = new AbortController();
    const stream = await fetch(`${h.origin}/__harness/events`, { headers: { 'x-desk-key': h.key }, signal: abort.signal });
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const readUntil = async (needle: string): Promise<void> => {
      while (!received.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        received += value;
      }
    };
    // Registered once the comment arrives; only then can no event be missed.
    await readUntil(': connected');

    const login = await (await call(h, 'session.login', { login: 'operator1', password: 'operator1' })).json();
    expect(login).toMatchObject({ ok: true });
    await readUntil('event: session.changed\ndata: ');
    const frame = received.slice(received.indexOf('event: session.changed'));
    const data = frame.split('\n')[1]!.slice('data: '.length);
    expect(JSON.parse(data)).toMatchObject({ user: { id: 'u-operator1' } });
    abort.abort();
  });

  it('signs in at start when asked, and fails clearly on a wrong password', async () => {
    server = await startTestServer({ port: 0, dataDir: path.join(dir, 'server'), demo: 5 });
    await expect(startHarness({
      apiUrl: server.url, dataDir: path.join(dir, 'desk-bad'), rendererDir: path.join(dir, 'renderer'),
      login: { login: 'operator1', password: 'wrong' },
    })).rejects.toThrow(/operator1/);
    const h = await startHarness({
      apiUrl: server.url, dataDir: path.join(dir, 'desk'), rendererDir: path.join(dir, 'renderer'),
      login: { login: 'operator1', password: 'operator1' },
    });
    harness = h;
    const session = await (await call(h, 'session.get', {})).json();
    expect(session).toMatchObject({ ok: true, value: { user: { id: 'u-operator1' } } });
  });
});
