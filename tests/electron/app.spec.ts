// The built desktop app under Playwright's Electron driver: demo mode loads the inbox, the page sees only
// window.desk {call, on}, no Node, cannot navigate away but can reload itself. Skipped, with the reason in one line,
// where the Electron binary could not be installed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { binary, launchArgs, launchEnv, root, skipReason } from './electron-launch.js';

test.skip(binary === null, skipReason);

let app: ElectronApplication;
let page: Page;
let userData: string;

test.beforeEach(async () => {
  userData = mkdtempSync(path.join(tmpdir(), 'desk-electron-'));
  app = await electron.launch({ executablePath: binary ?? '', args: launchArgs(), cwd: root, env: launchEnv(userData) });
  page = await app.firstWindow();
});

test.afterEach(async () => {
  await app?.close();
  rmSync(userData, { recursive: true, force: true });
});

test('demo mode opens the inbox signed in as operator1', async () => {
  await expect(page.getByRole('grid', { name: 'Обращения, ожидающие разбора' })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('user-name')).toContainText('Оператор 1');
  await expect.poll(() => page.getByRole('row').count(), { timeout: 60_000 }).toBeGreaterThan(1);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toBe('ЦУР · Разбор обращений');
});

test('the page gets window.desk with call and on only, and no Node', async () => {
  await page.waitForLoadState('domcontentloaded');
  const shape = await page.evaluate(() => {
    const desk = (globalThis as unknown as { desk: Record<string, unknown> }).desk;
    return { keys: Object.keys(desk).sort(), types: Object.values(desk).map((v) => typeof v) };
  });
  expect(shape).toEqual({ keys: ['call', 'on'], types: ['function', 'function'] });
  expect(await page.evaluate(() => typeof require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
});

test('navigation away from app:// and window.open are blocked', async () => {
  await page.waitForLoadState('domcontentloaded');
  const start = page.url();
  expect(start).toMatch(/^app:\/\/desk\//);
  // Record in the main process that the navigation was attempted, so the test waits for the attempt itself.
  await app.evaluate(({ webContents }) => {
    const contents = webContents.getAllWebContents()[0];
    contents?.once('will-navigate', (event) => {
      (globalThis as { navigationAttempt?: string }).navigationAttempt = event.url;
    });
  });
  await page.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
  });
  await expect.poll(() => app.evaluate(() => (globalThis as { navigationAttempt?: string }).navigationAttempt))
    .toBe('https://example.com/');
  expect(page.url()).toBe(start);
  const opened = await page.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/'));
  expect(opened).toBeNull();
  expect(app.windows()).toHaveLength(1);
});

test('a reload of the app page itself goes through (the error boundary\'s «Перезагрузить окно»)', async () => {
  await page.waitForLoadState('domcontentloaded');
  const start = page.url();
  await page.evaluate(() => {
    (globalThis as { beforeReload?: boolean }).beforeReload = true;
  });
  const reloaded = page.waitForEvent('load');
  // Later than evaluate's answer: the reload destroys the context evaluate runs in.
  await page.evaluate(() => {
    setTimeout(() => globalThis.location.reload(), 0);
  });
  await reloaded;
  expect(await page.evaluate(() => (globalThis as { beforeReload?: boolean }).beforeReload)).toBeUndefined();
  expect(page.url()).toBe(start);
  await expect(page.getByRole('grid', { name: 'Обращения, ожидающие разбора' })).toBeVisible({ timeout: 120_000 });
});

test('a core utility process that dies is started again: the bar says so, then the inbox answers again', async () => {
  await expect(page.getByRole('grid', { name: 'Обращения, ожидающие разбора' })).toBeVisible({ timeout: 120_000 });
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
  // The core's process, by the service name it was forked with (core-process.ts), ended as a crash ends it.
  const killed = await app.evaluate(({ app: electronApp }) => {
    const core = electronApp.getAppMetrics().find((m) => m.type === 'Utility' && m.name === 'Triage Desk core');
    if (!core) return false;
    process.kill(core.pid, 'SIGKILL');
    return true;
  });
  expect(killed).toBe(true);
  await expect(status).toHaveAttribute('data-state', 'restarting', { timeout: 10_000 });
  await expect(status).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
  await expect.poll(() => page.getByRole('row').count(), { timeout: 30_000 }).toBeGreaterThan(1);
});
