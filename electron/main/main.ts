// Electron entry: single instance, hardened window on app://, the core behind one IPC choke point,
// and demo mode (reference server in a utility process, operator1 signed in) when no API URL is configured.
import path from 'node:path';
import { app, dialog, Menu, session, type BrowserWindow } from 'electron';
import { createDeskCore, type DeskCore } from '../core/desk-core.js';
import { describeConfigError, loadAppConfig } from './app-config.js';
import { APP_ENTRY_URL } from './app-origin.js';
import { handleAppProtocol, registerAppSchemePrivileges } from './app-protocol.js';
import { startDemoServer, type DemoServer } from './demo-server.js';
import { registerDeskIpc } from './ipc.js';
import { createMainWindow } from './main-window.js';
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

  const config = loadAppConfig(app.getPath('userData'));
  if (!config.ok) {
    dialog.showErrorBox('Triage Desk: ошибка настроек', describeConfigError(config));
    app.exit(1);
    return;
  }

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
  disposeIpc = registerDeskIpc(window, corePromise);
  await window.loadURL(APP_ENTRY_URL);
}

let shuttingDown = false;
async function shutdown(): Promise<void> {
  disposeIpc?.();
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
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
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
