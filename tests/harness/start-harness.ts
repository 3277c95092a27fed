// The browser test harness: the real desk core in Node plus an HTTP server on 127.0.0.1 that serves the
// renderer build with window.desk implemented over HTTP (POST /__harness/call) and SSE (/__harness/events).
// Every program of every user on the machine can reach 127.0.0.1 and forge any header, Origin included, so the bridge
// routes also require a key made at each start: the page gets it in the URL fragment (never sent to a server, never
// logged) and sends it back in X-Desk-Key; see desk-bridge.ts for how the page keeps it.
// The core runs as it does in the app, off this thread: a worker thread speaking the core host protocol
// (electron/core/host/core-protocol.ts), so every test through the harness exercises that protocol too.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createDeskCore, type DeskCore } from '../../electron/core/desk-core.js';
import { connectCoreHost } from '../../electron/core/host/core-client.js';
import { superviseCore } from '../../electron/core/host/core-supervisor.js';
import { startCoreWorker } from '../../electron/core/host/core-worker-transport.js';
import { createFileTokenStore } from '../../electron/core/token-store.js';
import { headerCspFor } from '../../electron/main/content-security-policy.js';
import { contentTypeFor, resolveStaticFile } from '../../electron/main/static-files.js';
import { DESK_EVENTS, isPageMethod, STATE_EVENTS, type DeskResult } from '../../shared/desk-api/contract.js';
import { buildDeskBridge } from './bridge-build.js';
import { coreHostWorkerBundle } from './core-host-build.js';
import { createEventStream } from './event-stream.js';

export const BRIDGE_PATH = '/__harness/desk-bridge.js';
export const CALL_PATH = '/__harness/call';
export const EVENTS_PATH = '/__harness/events';
/** The header that carries the per-start key on every bridge request (lower case, as Node hands headers over). */
export const KEY_HEADER = 'x-desk-key';
/** The fragment parameter that hands the key to the page: `http://127.0.0.1:H/#k=<key>`. */
export const KEY_FRAGMENT = 'k';
const HARNESS_PREFIX = '/__harness/';
const MAX_BODY_BYTES = 1024 * 1024;
/** A tab closed this long lets its hold go: longer than a reload, much shorter than the server's 90 s lapse. */
export const PAGELESS_HOLD_MS = 10_000;

export const DEFAULT_RENDERER_DIR = path.resolve(import.meta.dirname, '..', '..', 'build', 'renderer');

export interface HarnessOptions {
  apiUrl: string;
  dataDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Signs in with session.login before the harness counts as started. */
  login?: { login: string; password: string };
  pushDelayMs?: number;
  syncIntervalMs?: number;
  requestTimeoutMs?: number;
  demo?: boolean;
  rendererDir?: string;
  log?: (line: string) => void;
  /**
   * Where the core runs: its own worker thread behind the core host protocol (the default, as Electron runs it in a
   * utility process), or this very thread, as before #12 — kept only so the UI bench can measure one against the other.
   */
  coreThread?: 'worker' | 'same';
  /**
   * Called with the page's address as soon as the server listens, while the core is still starting — as Electron
   * loads the window while its utility process starts (calls wait for the core). The UI bench opens the page here.
   */
  onListening?: (url: string) => void;
  /** How long the desk stays in the shift (presence, hold) with no page open (PAGELESS_HOLD_MS by default; shorter in tests). */
  pagelessHoldMs?: number;
}

export interface Harness {
  /** The address to open: the page with the per-start key in its fragment, `http://127.0.0.1:H/#k=<key>`. */
  url: string;
  /** `http://127.0.0.1:H`, for requests that are not the page itself. */
  origin: string;
  /** The per-start key (32 random bytes, base64url) every bridge request must carry in X-Desk-Key. */
  key: string;
  port: number;
  core: DeskCore;
  /**
   * Ends the core's worker as a crash would (tests): the supervisor starts another. False when the core runs on this
   * thread (coreThread 'same') and cannot be crashed apart from the harness.
   */
  crashCore(): Promise<boolean>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const rendererDir = path.resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  // Said before anything starts: served without its page, every address answered «Not found» and nothing said why
  // (an IT trial of 6 December, `npm run harness` on a fresh clone before `npm run build`).
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`the page is not built: ${path.join(rendererDir, 'index.html')} is missing — run \`npm run build\` first`);
  }
  const bridgeCode = await buildDeskBridge();
  const coreOptions = {
    dataDir: options.dataDir,
    apiUrl: options.apiUrl,
    ...(options.pushDelayMs !== undefined ? { pushDelayMs: options.pushDelayMs } : {}),
    ...(options.syncIntervalMs !== undefined ? { syncIntervalMs: options.syncIntervalMs } : {}),
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.demo !== undefined ? { demo: options.demo } : {}),
  };
  const tokenStore = createFileTokenStore(options.dataDir);
  const log = options.log !== undefined ? { log: options.log } : {};
  // The token file stays on this side, as the safeStorage store stays in Electron's main: the core reports changes.
  // The server listens while the core starts (as Electron's window loads meanwhile); calls wait for it.
  let worker: ReturnType<typeof startCoreWorker> | null = null;
  const corePromise: Promise<DeskCore> = options.coreThread === 'same'
    ? createDeskCore({ ...coreOptions, tokenStore, ...log })
    : coreHostWorkerBundle(options.log).then(async (bundle) => {
      // As in Electron: a core worker that dies is started again on the same folder (core-supervisor.ts).
      const connect = () => connectCoreHost(worker = startCoreWorker(bundle), { options: coreOptions, tokenStore, ...log });
      return superviseCore(await connect(), connect, log);
    });
  corePromise.catch(() => undefined); // a start failure is thrown below, once

  // Every response carries the page's own policy; re-read whenever index.html is served.
  let pageCsp = await readFile(path.join(rendererDir, 'index.html'), 'utf8').then((html) => headerCspFor(html),
    () => headerCspFor(null));
  const key = randomBytes(32).toString('base64url');
  const keyDigest = digest(key);
  /** Constant time in the key's content; hashing first also hides its length. */
  const hasKey = (request: IncomingMessage): boolean => {
    const sent = request.headers[KEY_HEADER];
    return typeof sent === 'string' && timingSafeEqual(digest(sent), keyDigest);
  };
  // A closed tab is the browser workstation's closed window: in Electron the app quits and its hold lapses with it, here
  // the core runs on and kept renewing the hold — the appeal stayed «смотрит …» at the end of every colleague's list
  // (trial of 4 December), and the desk stayed «в смене» on theirs. With no page left for PAGELESS_HOLD_MS (a reload
  // comes back within a second) the desk leaves the shift's presence and its holds (team.present); a page back joins.
  let pageless: NodeJS.Timeout | undefined;
  let stopped = false;
  const events = createEventStream(STATE_EVENTS, () => {
    clearTimeout(pageless);
    if (stopped) return;
    pageless = setTimeout(() => {
      if (events.clientCount > 0) return;
      void corePromise.then((core) => core.call('team.present', { present: false })).catch(() => undefined);
    }, options.pagelessHoldMs ?? PAGELESS_HOLD_MS);
    pageless.unref();
  });
  const unsubscribers: (() => void)[] = [];
  const subscribed = corePromise.then((core) => {
    unsubscribers.push(...Object.keys(DESK_EVENTS).map((name) => core.on(name, (payload) => events.broadcast(name, payload))));
  });
  subscribed.catch(() => undefined);

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log?.(`harness: ${request.method} ${request.url} failed: ${String(error)}`);
      if (!response.headersSent) sendJson(response, 500, internalError(error));
      else response.destroy();
    });
  });

  let origin = '';
  let allowedHosts: ReadonlySet<string> = new Set();
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: a hostile name resolved to 127.0.0.1 reaches us with its own Host; only loopback names pass.
    const host = (request.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(host)) return sendText(response, 421, 'Misdirected request');
    const url = new URL(request.url ?? '/', origin);
    // The page and its files (the bridge script included, which holds no secret) are public; every other harness
    // route drives the core or streams its events and answers a request without the key with a bare 401.
    if (url.pathname.startsWith(HARNESS_PREFIX) && url.pathname !== BRIDGE_PATH && !hasKey(request)) {
      return sendJson(response, 401, { error: 'unauthorized' });
    }
    if (url.pathname === CALL_PATH) return handleCall(request, response, `http://${host}`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed');
    if (url.pathname === EVENTS_PATH) {
      if (request.method !== 'GET') return sendText(response, 405, 'Method not allowed', pageCsp);
      if (events.clientCount === 0) void corePromise.then((core) => core.call('team.present', { present: true })).catch(() => undefined);
      return events.attach(response);
    }
    if (url.pathname === BRIDGE_PATH) {
      return send(response, 200, 'text/javascript; charset=utf-8', bridgeCode, request.method === 'HEAD', pageCsp);
    }
    const file = resolveStaticFile(rendererDir, url.pathname);
    if (file === null) return sendText(response, 404, 'Not found', pageCsp);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return sendText(response, 404, 'Not found', pageCsp);
    }
    if (file === path.join(rendererDir, 'index.html')) {
      const html = injectBridge(body.toString('utf8'));
      pageCsp = headerCspFor(html);
      return send(response, 200, contentTypeFor(file), html, request.method === 'HEAD', pageCsp);
    }
    return send(response, 200, contentTypeFor(file), body, request.method === 'HEAD', pageCsp);
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, pageOrigin: string): Promise<void> {
    if (request.method !== 'POST') return sendText(response, 405, 'Method not allowed');
    // Another page in the same browser must not drive the core: the page's own origin (browsers always send
    // Origin on a POST) and a JSON body only (a cross-site form cannot send application/json without a CORS
    // preflight, which we never answer).
    if (request.headers.origin !== pageOrigin) return sendJson(response, 403, badRequest('Запрос с чужого адреса отклонён.'));
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(response, 415, badRequest('Ожидается JSON.'));
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(request));
    } catch (error) {
      return sendJson(response, 400, badRequest(`Запрос не разобран: ${error instanceof Error ? error.message : String(error)}`));
    }
    const { method, input } = (typeof body === 'object' && body !== null ? body : {}) as { method?: unknown; input?: unknown };
    if (!isPageMethod(method)) return sendJson(response, 200, badRequest('Неизвестная команда приложения.'));
    // The answer as the core wrote it, in its own thread: this thread only forwards the text.
    let json: string;
    try {
      json = await (await corePromise).callJson(method, input);
    } catch (error) {
      json = JSON.stringify(internalError(error));
    }
    send(response, 200, 'application/json; charset=utf-8', json, false);
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    origin = `http://127.0.0.1:${port}`;
    allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    const url = `${origin}/#${KEY_FRAGMENT}=${key}`;
    options.onListening?.(url);
    const core = await corePromise;
    await subscribed;

    if (options.login) {
      const login = await core.call('session.login', options.login);
      if (!login.ok) throw new Error(`вход как ${options.login.login} не удался: ${login.error.code}: ${login.error.message}`);
    }

    let closing: Promise<void> | null = null;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        for (const unsubscribe of unsubscribers) unsubscribe();
        stopped = true;
        clearTimeout(pageless);
        events.closeAll();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await core.close();
      })();
      return closing;
    };
    const crashCore = async (): Promise<boolean> => {
      if (worker === null) return false;
      await worker.terminate();
      return true;
    };
    return { url, origin, key, port, core, crashCore, close };
  } catch (error) {
    for (const unsubscribe of unsubscribers) unsubscribe();
    stopped = true;
    clearTimeout(pageless);
    events.closeAll();
    server.closeAllConnections();
    await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    await corePromise.then((core) => core.close(), () => undefined);
    throw error;
  }
}

/** The bridge must run before the app's module script, and the CSP forbids inline scripts: an external tag. */
export function injectBridge(html: string): string {
  const tag = `<script src="${BRIDGE_PATH}"></script>`;
  const firstScript = html.search(/<script\b/i);
  if (firstScript >= 0) return `${html.slice(0, firstScript)}${tag}\n    ${html.slice(firstScript)}`;
  const headEnd = html.search(/<\/head>/i);
  if (headEnd >= 0) return `${html.slice(0, headEnd)}${tag}\n${html.slice(headEnd)}`;
  return `${tag}\n${html}`;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('тело запроса слишком большое'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function badRequest(message: string): DeskResult<never> {
  return { ok: false, error: { code: 'bad_request', message } };
}

function internalError(error: unknown): DeskResult<never> {
  return { ok: false, error: { code: 'internal', message: `Внутренняя ошибка: ${error instanceof Error ? error.message : String(error)}` } };
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer, headOnly: boolean,
  csp: string = headerCspFor(null)): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  response.end(headOnly ? undefined : body);
}

function sendText(response: ServerResponse, status: number, text: string, csp: string = headerCspFor(null)): void {
  send(response, status, 'text/plain; charset=utf-8', text, false, csp);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value), false);
}
