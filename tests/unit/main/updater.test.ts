// electron-updater wiring, with fakes of `electron` and `electron-updater` (Electron cannot run here): the policy's
// proxy reaches autoUpdater.netSession through the same function main.ts calls, and an update whose installer needs
// administrator rights (per-machine NSIS: a UAC prompt) is never downloaded, installed on quit or installed when idle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProxyConfig } from 'electron';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  type Listener = (info: unknown) => void;
  const listeners = new Map<string, Listener[]>();
  const netSession = { proxies: [] as unknown[], verifyProcs: [] as unknown[],
    async setProxy(config: unknown) { this.proxies.push(config); },
    setCertificateVerifyProc(proc: unknown) { this.verifyProcs.push(proc); } };
  const autoUpdater = {
    netSession,
    logger: null as unknown,
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowDowngrade: true,
    feeds: [] as unknown[],
    checks: 0,
    installs: [] as unknown[][],
    isUserWithinRollout: (_info: unknown): boolean | Promise<boolean> => true,
    isUpdateSupported: (_info: unknown): boolean | Promise<boolean> => true,
    setFeedURL(feed: unknown) { this.feeds.push(feed); },
    checkForUpdates() { this.checks += 1; return Promise.resolve(null); },
    quitAndInstall(...args: unknown[]) { this.installs.push(args); },
    on(event: string, listener: Listener) { listeners.set(event, [...(listeners.get(event) ?? []), listener]); return this; },
    emit(event: string, info: unknown) { for (const listener of listeners.get(event) ?? []) listener(info); },
    reset() {
      listeners.clear();
      this.feeds = []; this.checks = 0; this.installs = []; netSession.proxies = []; netSession.verifyProcs = [];
      this.isUpdateSupported = () => true;
    },
  };
  return { autoUpdater, userData: '', idleSeconds: 0 };
});

vi.mock('electron', () => ({
  app: { isPackaged: true, getPath: () => fake.userData },
  powerMonitor: { getSystemIdleTime: () => fake.idleSeconds },
}));
vi.mock('electron-updater', () => ({ default: { autoUpdater: fake.autoUpdater } }));

const { startUpdater, updaterSession } = await import('../../../electron/main/updater.js');
const { applyNetworkPolicy } = await import('../../../electron/main/network-policy.js');
const { EMPTY_POLICY } = await import('../../../electron/main/machine-policy.js');

const realPlatform = process.platform;
function pretendPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

fake.userData = mkdtempSync(path.join(tmpdir(), 'updater-test-'));
afterAll(() => rmSync(fake.userData, { recursive: true, force: true }));
beforeEach(() => fake.autoUpdater.reset());
afterEach(() => {
  pretendPlatform(realPlatform);
  vi.useRealTimers();
});

const adminInfo = { version: '1.2.0', files: [{ url: 'Triage Desk Setup 1.2.0.exe', sha512: 'x', isAdminRightsRequired: true }] };
const userInfo = { version: '1.2.0', files: [{ url: 'Triage Desk Setup 1.2.0.exe', sha512: 'x' }] };

describe("the updater's own session", () => {
  it('gets the policy proxy and CA check through the function main.ts calls', async () => {
    const defaultSession = { setProxy: async (_c: ProxyConfig) => {}, setCertificateVerifyProc: () => {} };
    const policy = {
      ...EMPTY_POLICY, updateUrl: 'https://updates.cur.nso.ru/desk',
      proxy: { mode: 'fixed' as const, rules: 'http://proxy.nso.local:3128' },
      caBundle: { file: '/etc/triage-desk/ca.pem', pems: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'] },
    };
    expect(updaterSession()).toBe(fake.autoUpdater.netSession);
    await applyNetworkPolicy(policy, { defaultSession, updaterSession }, () => {});
    expect(fake.autoUpdater.netSession.proxies).toEqual([{ mode: 'fixed_servers', proxyRules: 'http://proxy.nso.local:3128', proxyBypassRules: '' }]);
    expect(fake.autoUpdater.netSession.verifyProcs).toHaveLength(1);
  });
});

describe('startUpdater', () => {
  it('checks the generic feed of the policy at start', () => {
    pretendPlatform('win32');
    const stop = startUpdater({ updateUrl: 'https://updates.cur.nso.ru/desk', install: { mode: 'on-quit' }, pendingDecisions: async () => 0, log: () => {} });
    expect(fake.autoUpdater.feeds).toEqual([{ provider: 'generic', url: 'https://updates.cur.nso.ru/desk' }]);
    expect(fake.autoUpdater.checks).toBe(1);
    expect(fake.autoUpdater.autoInstallOnAppQuit).toBe(true);
    stop();
  });

  it('refuses an elevating (per-machine) installer before downloading it, and says why once', async () => {
    pretendPlatform('win32');
    const logs: string[] = [];
    const stop = startUpdater({ updateUrl: 'https://u.example/desk', install: { mode: 'on-quit' }, pendingDecisions: async () => 0,
      log: (line) => logs.push(line) });
    expect(await fake.autoUpdater.isUpdateSupported(adminInfo)).toBe(false);
    expect(await fake.autoUpdater.isUpdateSupported(adminInfo)).toBe(false);
    expect(await fake.autoUpdater.isUpdateSupported(userInfo)).toBe(true);
    expect(logs.filter((line) => line.includes('needs administrator rights'))).toHaveLength(1);
    stop();
  });

  it('when idle, installs a per-user update, but never quits into a UAC prompt', async () => {
    pretendPlatform('win32');
    vi.useFakeTimers();
    fake.idleSeconds = 3600;
    const stop = startUpdater({ updateUrl: 'https://u.example/desk', install: { mode: 'when-idle', idleMinutes: 30 },
      pendingDecisions: async () => 0, log: () => {} });
    fake.autoUpdater.emit('update-downloaded', { ...adminInfo, downloadedFile: 'x.exe' });
    await vi.advanceTimersByTimeAsync(61_000);
    expect(fake.autoUpdater.installs).toEqual([]);
    expect(fake.autoUpdater.autoInstallOnAppQuit).toBe(false);

    fake.autoUpdater.emit('update-downloaded', { ...userInfo, downloadedFile: 'x.exe' });
    await vi.advanceTimersByTimeAsync(61_000);
    expect(fake.autoUpdater.installs).toEqual([[true, true]]);
    stop();
  });
});
