// Electron entry: single instance, hardened window on app://, the core behind one IPC choke point,
// and demo mode (reference server in a utility process, operator1 signed in) when no API URL is configured.
import path from 'node:path';
import { app, dialog, Menu, powerMonitor, safeStorage, session, type BrowserWindow } from 'electron';
import type { DeskCore } from '../core/desk-core.js';
import type { DeskLink } from '../../shared/desk-api/session-contract.js';
import { connectCoreHost } from '../core/host/core-client.js';
import { superviseCore } from '../core/host/core-supervisor.js';
import { START_FRESH_CACHE_FLAG } from '../core/host/core-protocol.js';
import { describeConfigError, loadAppConfig } from './app-config.js';
import { APP_ENTRY_URL } from './app-origin.js';
import { handleAppProtocol, registerAppSchemePrivileges } from './app-protocol.js';
import { forkCoreProcess } from './core-process.js';
import { startDemoServer, type DemoServer } from './demo-server.js';
import { registerDeskIpc } from './ipc.js';
import { policyRefusal, resolveApiUrl, undoWindowMs } from './effective-settings.js';
import { createMainWindow } from './main-window.js';
import { describePolicyError, loadPolicy, policyFilePath, type MachinePolicy } from './machine-policy.js';
import { applyNetworkPolicy } from './network-policy.js';
import { passwordStoreSwitch } from './password-store.js';
import { followScreenLock } from './screen-lock-presence.js';
import { startUpdater, updaterSession } from './updater.js';
import { createSafeTokenStore, type SafeTokenStore, type TokenNotice } from './token-store.js';
import { denyAllPermissions, hardenWebContents } from './web-security.js';

const DEMO_APPEALS = 5000;
const DEMO_LOGIN = { login: 'operator1', password: 'operator1' };

// build/electron/main.js sits next to preload.cjs; the renderer and the server are sibling folders.
const here = import.meta.dirname;
const preloadPath = path.join(here, 'preload.cjs');
const rendererDir = path.join(here, '..', 'renderer');
const serverMain = path.join(here, '..', 'server', 'main.js');
// The desk core's utility process entry (electron/main/core-host-utility.ts), built next to main.js.
const coreHostMain = path.join(here, 'core-host.js');

const log = (line: string): void => console.log(`[desk] ${line}`);

let mainWindow: BrowserWindow | null = null;
let core: DeskCore | null = null;
let demoServer: DemoServer | null = null;
let disposeIpc: (() => void) | null = null;
let stopUpdater: (() => void) | null = null;
let stopScreenLock: (() => void) | null = null;
let tokenStore: SafeTokenStore | null = null;
/** Sign-in notices go to the operator outside demo mode (demo signs in by itself at every start anyway). */
let showTokenNotices = false;

/**
 * Tests set TRIAGE_DESK_NO_DIALOGS=1: a native modal cannot be answered by a test driver, and on Linux GTK runs it
 * synchronously on the main thread, so the process would never exit. Whether a person is at the screen cannot be
 * told from inside (Xvfb has a DISPLAY too), hence the explicit switch. It only moves messages to stderr; the app
 * still refuses to start on a broken policy, so it is harmless in a packaged build as well.
 */
const dialogsOff = process.env.TRIAGE_DESK_NO_DIALOGS === '1';

/** The policy file; a development build may point elsewhere (tests), a packaged one never: users cannot swap it. */
function policyFile(): string {
  const override = process.env.TRIAGE_DESK_POLICY_FILE?.trim();
  return !app.isPackaged && override ? path.resolve(override) : policyFilePath(process.platform);
}

/** A start-up error: always on stderr (logs, tests), and in an error window unless dialogs are off; then exit 1. */
function failStart(title: string, message: string): void {
  console.error(`[desk] ${title}: ${message.replace(/\n+/g, ' ')}`);
  if (!dialogsOff) dialog.showErrorBox(title, message);
  app.exit(1);
}

/** What the operator must know about their sign-in (kept or not across restarts, keyring failures). */
function showTokenNotice(notice: TokenNotice): void {
  log(`token store notice (${notice.kind}): ${notice.text}`);
  if (!showTokenNotices || dialogsOff) return;
  const options = {
    type: 'warning' as const,
    title: 'Triage Desk: вход',
    message: notice.kind === 'not-kept' ? 'Вход не сохранится после перезапуска' : 'Хранилище ключей ОС',
    detail: notice.text,
    buttons: ['Понятно'],
    noLink: true,
  };
  const shown = mainWindow !== null && !mainWindow.isDestroyed()
    ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options);
  shown.catch((error: unknown) => log(`notice not shown: ${String(error)}`));
}

/**
 * IT's favourites at every start: the machine's list (the default of every operator without their own) and whether
 * it is locked over everyone's own — or, when the policy no longer has one, neither. Operators' own lists are kept
 * per operator in the core, so applying the policy every start never overwrites an operator's choice.
 */
async function applyPolicyFavorites(started: DeskCore, policy: MachinePolicy): Promise<void> {
  const result = await started.call('favorites.setMachine', {
    targetIds: policy.favoriteTargets ?? null, locked: policy.locked.includes('favoriteTargets'),
  });
  if (!result.ok) log(`policy favourites not applied: ${result.error.code}`);
}

async function startCore(apiUrl: string | null, pushDelayMs: number): Promise<DeskCore> {
  const userData = app.getPath('userData');
  showTokenNotices = apiUrl !== null;
  const tokens = createSafeTokenStore({
    file: path.join(userData, 'session.bin'), safeStorage, log, notify: showTokenNotice,
  });
  tokenStore = tokens;
  // The core's TokenStore is synchronous: the stored token is decrypted (asynchronously) before the core reads it.
  await tokens.restore();
  if (apiUrl === null) demoServer = await startDemoServer({
    serverMain, dataDir: path.join(userData, 'demo-server'), appeals: DEMO_APPEALS, log,
  });
  // The core runs in a utility process (SQLite, search indexing and clustering would block every window here) and
  // speaks the core host protocol (electron/core/host/core-protocol.ts). The safeStorage token store stays in this
  // process: the core gets the restored token at start and reports each save or clear, applied here in order.
  // A start failure rejects as before: a CacheOpenError with its kind (cache_missing, …) and message.
  const connect = (startFreshCache: boolean) => connectCoreHost(forkCoreProcess(coreHostMain), {
    options: {
      dataDir: path.join(userData, 'desk'),
      apiUrl: apiUrl ?? demoServer?.url ?? '',
      demo: apiUrl === null,
      // The operator's explicit confirmation to start over when the cache is missing, empty or corrupt.
      startFreshCache,
      // The undo window (policy `undoSeconds`, default 7 s): decisions wait this long, undoable, before they are sent.
      pushDelayMs,
    },
    tokenStore: tokens,
    log,
    // The core's fetch is net.fetch inside the utility process, on the default session with the policy proxy and
    // extra CA (core-host-utility.ts, core-process.ts).
  });
  // A core process that crashes is started again on the same folder (never fresh: that is the operator's choice at
  // a start), and the window goes on with it (core-supervisor.ts).
  const started = superviseCore(await connect(process.argv.includes(START_FRESH_CACHE_FLAG)), () => connect(false), { log });
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

  if (!policyLoad.ok) {
    // Never a silent fallback: a machine IT manages must not run on defaults it did not choose.
    failStart('Triage Desk: ошибка политики администратора', describePolicyError(policyLoad));
    return;
  }
  const policy = policyLoad.policy;
  const config = resolveApiUrl(policy, loadAppConfig(app.getPath('userData')));
  if (!config.ok) {
    failStart('Triage Desk: ошибка настроек', describeConfigError(config));
    return;
  }
  for (const notice of config.notices) log(notice);
  if (policyLoad.present) log(`policy: ${policyLoad.file} (locked: ${policy.locked.join(', ') || 'nothing'})`);
  if (keyringNote !== null) log(keyringNote);
  // Proxy and extra CA: the default session (the core's net.fetch) and electron-updater's own session.
  const configured = await applyNetworkPolicy(policy, { defaultSession: session.defaultSession, updaterSession });
  if (policy.proxy !== undefined || policy.caBundle !== undefined) log(`network policy applied to sessions: ${configured.join(', ')}`);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy.linkAllowlist, log));

  const window = createMainWindow(preloadPath);
  mainWindow = window;
  window.on('closed', () => {
    mainWindow = null;
  });
  const corePromise = startCore(config.apiUrl, undoWindowMs(policy));
  corePromise.catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log(`core failed to start: ${message}`);
    if (!dialogsOff) dialog.showErrorBox('Triage Desk: не удалось запустить', message);
  });
  disposeIpc = registerDeskIpc(window, corePromise, (method) => policyRefusal(policy, method));
  corePromise.then(async (started) => {
    let present = true;
    const tellPresence = (): void => {
      started.call('team.present', { present }).catch((error: unknown) => log(`team.present not applied: ${String(error)}`));
    };
    stopScreenLock = followScreenLock(powerMonitor, (now) => {
      present = now;
      tellPresence();
    });
    // A core started again after a crash (core-supervisor.ts) knows nothing of a locked screen: it is told again.
    started.on('desk.link', (link) => {
      if ((link as DeskLink).connected && !present) tellPresence();
    });
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
  stopScreenLock?.();
  await core?.close().catch((error: unknown) => log(`core close failed: ${String(error)}`));
  // A sign-in or sign-out just before quitting: its encrypted write or delete finishes first.
  await tokenStore?.flush();
  await demoServer?.stop();
}

// Tests (and a second, separate workstation profile) point userData elsewhere; it must be set before
// the single-instance lock, which is held per userData folder.
const userDataOverride = process.env.TRIAGE_DESK_USER_DATA?.trim();
if (userDataOverride) app.setPath('userData', path.resolve(userDataOverride));

// The policy is read before app ready: its Linux keyring choice must reach Chromium's command line before the
// keyring is picked (during start-up, before 'ready'). A broken file is reported once the app is ready.
const policyLoad = loadPolicy(policyFile());
let keyringNote: string | null = null;
if (policyLoad.ok) {
  const keyring = passwordStoreSwitch(policyLoad.policy.passwordStore, app.commandLine.getSwitchValue('password-store'),
    process.platform);
  if (keyring.append !== null) app.commandLine.appendSwitch('password-store', keyring.append);
  keyringNote = keyring.note;
}

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
    failStart('Triage Desk: не удалось запустить', error instanceof Error ? error.message : String(error));
  });
}
