// Electron entry: single instance, hardened window on app://, the core behind one IPC choke point,
// and demo mode (reference server in a utility process, operator1 signed in) when no API URL is configured.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { app, dialog, Menu, net, session, type BrowserWindow, type Session } from 'electron';
import { createDeskCore, type DeskCore } from '../core/desk-core.js';
import { describeConfigError, loadAppConfig } from './app-config.js';
import { APP_ENTRY_URL } from './app-origin.js';
import { handleAppProtocol, registerAppSchemePrivileges } from './app-protocol.js';
import { startDemoServer, type DemoServer } from './demo-server.js';
import { registerDeskIpc } from './ipc.js';
import { policyFavoritesToApply, policyRefusal, resolveApiUrl } from './effective-settings.js';
import { chainTrustedByExtraCa, trustExtraCasForNode } from './extra-ca.js';
import { createMainWindow } from './main-window.js';
import { describePolicyError, loadPolicy, policyFilePath, type MachinePolicy } from './machine-policy.js';
import { startUpdater } from './updater.js';
import { createSafeTokenStore } from './token-store.js';
import { denyAllPermissions, hardenWebContents } from './web-security.js';

const DEMO_APPEALS = 5000;
const DEMO_LOGIN = { login: 'operator1', password: 'operator1' };

// build/electron/main.js sits next to preload.cjs; the renderer and the server are sibling folders.
const here = import.meta.dirname;
const preloadPath = path.join(here, 'preload.cjs');
const rendererDir = path.join(here, '..', 'renderer');
const serverMain = path.join(here, '..', 'server', 'main.js');

const log = (line: string): void => console.log(`[desk] ${line}`);

let mainWindow: BrowserWindow | null = null;
let core: DeskCore | null = null;
let demoServer: DemoServer | null = null;
let disposeIpc: (() => void) | null = null;
let stopUpdater: (() => void) | null = null;

/** The policy file; a development build may point elsewhere (tests), a packaged one never: users cannot swap it. */
function policyFile(): string {
  const override = process.env.TRIAGE_DESK_POLICY_FILE?.trim();
  return !app.isPackaged && override ? path.resolve(override) : policyFilePath(process.platform);
}

/** Proxy and extra CA apply to the session that net.fetch (the core's API client) and the updater use. */
async function applyNetworkPolicy(target: Session, policy: MachinePolicy): Promise<void> {
  if (policy.proxy?.mode === 'fixed') {
    await target.setProxy({ mode: 'fixed_servers', proxyRules: policy.proxy.rules ?? '', proxyBypassRules: policy.proxy.bypass ?? '' });
  } else if (policy.proxy !== undefined) {
    await target.setProxy({ mode: policy.proxy.mode });
  }
  const roots = policy.caBundle?.pems ?? [];
  if (roots.length === 0) return;
  trustExtraCasForNode(roots);
  target.setCertificateVerifyProc((request, callback) => {
    // 0 = trusted, -3 = use Chromium's own verdict (which already failed or passed on its own roots).
    if (request.errorCode === 0) return callback(-3);
    const chain: string[] = [];
    for (let cert: Electron.Certificate | undefined = request.certificate; cert && chain.length < 8; cert = cert.issuerCert) {
      chain.push(cert.data);
      if (cert.issuerCert === cert) break;
    }
    callback(chainTrustedByExtraCa(chain, roots, request.hostname) ? 0 : -3);
  });
}

/** Policy favourites: locked ones every start, unlocked ones once per distinct list (the operator may change them). */
async function applyPolicyFavorites(started: DeskCore, policy: MachinePolicy): Promise<void> {
  const marker = path.join(app.getPath('userData'), 'policy-favorites.json');
  let last: string | null = null;
  try {
    last = readFileSync(marker, 'utf8');
  } catch {
    // never applied on this machine
  }
  const favourites = policyFavoritesToApply(policy, last);
  if (favourites === null) return;
  const result = await started.call('favorites.set', { targetIds: favourites });
  if (result.ok) writeFileSync(marker, JSON.stringify(favourites));
  else log(`policy favourites not applied: ${result.error.code}`);
}

async function startCore(apiUrl: string | null): Promise<DeskCore> {
  const userData = app.getPath('userData');
  if (apiUrl === null) demoServer = await startDemoServer({
    serverMain, dataDir: path.join(userData, 'demo-server'), appeals: DEMO_APPEALS, log,
  });
  const started = await createDeskCore({
    dataDir: path.join(userData, 'desk'),
    apiUrl: apiUrl ?? demoServer?.url ?? '',
    tokenStore: createSafeTokenStore(path.join(userData, 'session.bin'), log),
    demo: apiUrl === null,
    log,
    // Chromium's network stack: the policy proxy and the extra CA check apply to every API request.
    fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
  });
  core = started;
  if (apiUrl === null) {
    const session = await started.call('session.get', {});
    const signedIn = session.ok && (session.value as { user: unknown }).user !== null;
    if (!signedIn) {
      const login = await started.call('session.login', DEMO_LOGIN);
      if (!login.ok) log(`demo sign-in failed: ${login.error.code} ${login.error.message}`);
    }
  }
  return started;
}

/** No default menu (its reload and DevTools items are not for operators); macOS keeps app and edit roles
 * because copy and paste there go through the menu. */
function installMenu(): void {
  Menu.setApplicationMenu(process.platform === 'darwin'
    ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }])
    : null);
}

async function start(): Promise<void> {
  installMenu();
  denyAllPermissions(session.defaultSession);
  handleAppProtocol(rendererDir, log);

  const policyLoad = loadPolicy(policyFile());
  if (!policyLoad.ok) {
    // Never a silent fallback: a machine IT manages must not run on defaults it did not choose.
    dialog.showErrorBox('Triage Desk: ошибка политики администратора', describePolicyError(policyLoad));
    app.exit(1);
    return;
  }
  const policy = policyLoad.policy;
  const config = resolveApiUrl(policy, loadAppConfig(app.getPath('userData')));
  if (!config.ok) {
    dialog.showErrorBox('Triage Desk: ошибка настроек', describeConfigError(config));
    app.exit(1);
    return;
  }
  for (const notice of config.notices) log(notice);
  if (policyLoad.present) log(`policy: ${policyLoad.file} (locked: ${policy.locked.join(', ') || 'nothing'})`);
  await applyNetworkPolicy(session.defaultSession, policy);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy.linkAllowlist, log));

  const window = createMainWindow(preloadPath);
  mainWindow = window;
  window.on('closed', () => {
    mainWindow = null;
  });
  const corePromise = startCore(config.apiUrl);
  corePromise.catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log(`core failed to start: ${message}`);
    dialog.showErrorBox('Triage Desk: не удалось запустить', message);
  });
  disposeIpc = registerDeskIpc(window, corePromise, (method) => policyRefusal(policy, method));
  corePromise.then(async (started) => {
    await applyPolicyFavorites(started, policy);
    stopUpdater = startUpdater({
      updateUrl: policy.updateUrl,
      install: policy.updateInstall,
      pendingDecisions: async () => {
        const status = await started.call('sync.status', {});
        return status.ok ? (status.value as { pending: number }).pending : 1;
      },
      log,
    });
  }, () => {
    // reported above
  });
  await window.loadURL(APP_ENTRY_URL);
}

let shuttingDown = false;
async function shutdown(): Promise<void> {
  disposeIpc?.();
  stopUpdater?.();
  await core?.close().catch((error: unknown) => log(`core close failed: ${String(error)}`));
  await demoServer?.stop();
}

// Tests (and a second, separate workstation profile) point userData elsewhere; it must be set before
// the single-instance lock, which is held per userData folder.
const userDataOverride = process.env.TRIAGE_DESK_USER_DATA?.trim();
if (userDataOverride) app.setPath('userData', path.resolve(userDataOverride));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppSchemePrivileges();
  app.enableSandbox();
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    // The core flushes its database before the process may end; quit again once it is done.
    if (shuttingDown) return;
    event.preventDefault();
    shuttingDown = true;
    void shutdown().finally(() => app.quit());
  });
  app.whenReady().then(start).catch((error: unknown) => {
    dialog.showErrorBox('Triage Desk: не удалось запустить', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
