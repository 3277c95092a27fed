// Runtime security checks of the built app under Playwright's Electron driver: app:// sends the strict CSP as a
// header and refuses traversal, permissions are denied (request and check), <webview> and redirects are blocked,
// every window has the hardened preferences, a broken policy file stops the start with its name in the error (and
// no dialog left waiting), and the policy's proxy and Linux keyring reach the updater's session and Chromium.
// Skipped, with the reason in one line, where the Electron binary could not be installed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { binary, launchArgs, launchEnv as sharedLaunchEnv, root, skipReason } from './electron-launch.js';

test.skip(binary === null, skipReason);

let app: ElectronApplication;
let page: Page;
let userData: string;

function launchEnv(extra: Record<string, string>): Record<string, string> {
  return sharedLaunchEnv(userData, extra);
}

test.beforeEach(async () => {
  userData = mkdtempSync(path.join(tmpdir(), 'desk-electron-sec-'));
  writeFileSync(path.join(userData, 'policy.json'), JSON.stringify({ linkAllowlist: ['max.ru'] }));
  app = await electron.launch({ executablePath: binary ?? '', args: launchArgs(), cwd: root,
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

test('a malformed policy file stops the start with an error naming the file, and no dialog left waiting', async () => {
  await app.close();
  const file = path.join(userData, 'broken-policy.json');
  writeFileSync(file, '{"apiUrl": "http://cur.example.ru"}');
  // A plain child process, not the Playwright driver: only its exit code and stderr matter, and none is lost to a race.
  const broken = spawn(binary ?? '', launchArgs(), { cwd: root, env: launchEnv({ TRIAGE_DESK_POLICY_FILE: file }),
    stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  broken.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  // A modal left open would keep it alive: end it well inside the test's time, so the failure says what happened.
  const hung = setTimeout(() => broken.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => broken.once('exit', (exitCode) => resolve(exitCode)));
  clearTimeout(hung);
  expect(code).toBe(1);
  expect(stderr).toContain('Triage Desk: ошибка политики администратора');
  expect(stderr).toContain(file);
});

test("the policy proxy reaches electron-updater's own session, and its Linux keyring reaches Chromium", async () => {
  await app.close();
  const file = path.join(userData, 'office-policy.json');
  writeFileSync(file, JSON.stringify({
    updateUrl: 'https://updates.cur.example.ru/desk',
    proxy: { rules: 'http://127.0.0.1:3128', bypass: '*.nso.local' },
    ...(process.platform === 'linux' ? { passwordStore: 'gnome-libsecret' } : {}),
  }));
  app = await electron.launch({ executablePath: binary ?? '', args: launchArgs(), cwd: root,
    env: launchEnv({ TRIAGE_DESK_POLICY_FILE: file }) });
  page = await app.firstWindow();
  // The window exists only after the network policy was applied (main.ts awaits it first).
  const seen = await app.evaluate(async ({ app: electronApp, safeStorage, session }) => ({
    // electron-updater's autoUpdater.netSession is session.fromPartition('electron-updater', { cache: false }).
    updater: await session.fromPartition('electron-updater', { cache: false }).resolveProxy('https://updates.cur.example.ru/desk/latest.yml'),
    main: await session.defaultSession.resolveProxy('https://cur.example.ru/api/v1/changes'),
    bypassed: await session.fromPartition('electron-updater', { cache: false }).resolveProxy('https://updates.nso.local/'),
    keyringSwitch: electronApp.commandLine.getSwitchValue('password-store'),
    keyring: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'n/a',
  }));
  expect(seen.updater).toBe('PROXY 127.0.0.1:3128');
  expect(seen.main).toBe('PROXY 127.0.0.1:3128');
  expect(seen.bypassed).toBe('DIRECT');
  if (process.platform === 'linux') {
    expect(seen.keyringSwitch).toBe('gnome-libsecret');
    expect(seen.keyring).toBe('gnome_libsecret');
  }
});
