// `npm start`: builds, installs the Electron binary when it is missing (npm ci does not fetch it since Electron 42),
// then runs the desktop app with Electron. Only where Electron cannot run (no binary to be had, no display) it starts
// the browser workstation instead, demo server + test harness on 127.0.0.1, and says why in one line.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { API_URL_ENV, apiUrlProblem } from '../electron/main/app-config.js';
import { helpIfAsked } from '../server/cli-exit.js';
import { startServer, type RunningServer } from '../server/start-server.js';
import { createOwnerOnlyFile } from '../shared/node/owner-only-files.js';
import { startHarness } from '../tests/harness/start-harness.js';
import { ensureElectronBinary } from './electron-binary.js';

const root = path.resolve(import.meta.dirname, '..');
const DEFAULT_PORT = 5180;
const DEMO_APPEALS = 5000;
const DEMO_LOGIN = { login: 'operator1', password: 'operator1' };
/** The cache folder of the second demo desk whose command `npm start` prints (team mode). */
const SECOND_DESK_DIR = path.join(root, '.cache', 'desk-demo-2');
/**
 * The browser workstation's running log (the demo server's intake, the desk's syncs): a line every few seconds, which
 * pushed the address to open off a newcomer's terminal within a minute. Kept in a file (it names appeals: the
 * user's own) unless `--verbose` asks for it on the terminal.
 */
const LOG_FILE = path.join(root, '.cache', 'browser-workstation.log');

function fail(message: string): never {
  console.error(`start: ${message}`);
  process.exit(1);
}

const USAGE = `usage: npm start -- [--port <0-65535>] [--verbose]
  Builds and starts the desktop app. Where Electron cannot run (no binary, no display), the browser workstation
  instead: a demo central API with realistic data (unless ${API_URL_ENV} names one) and a desk on 127.0.0.1:<port>
  (default ${DEFAULT_PORT}); it prints the address to open and the commands for a second desk and the shift lead.
  --verbose   the workstation's log on the terminal instead of .cache/browser-workstation.log`;

/**
 * --help answered, anything unknown refused, before the build: a helper's trial of 6 December ran
 * `npm start -- --help`, which built and started the demo.
 */
function checkArguments(argv: readonly string[]): void {
  helpIfAsked(USAGE);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--verbose') continue;
    if (arg === '--port') { i++; continue; }
    console.error(`start: unknown option «${arg ?? ''}»\n${USAGE}`);
    process.exit(2);
  }
}

function parsePort(argv: readonly string[]): number {
  const index = argv.indexOf('--port');
  if (index < 0) return DEFAULT_PORT;
  const raw = argv[index + 1] ?? '';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) fail(`--port must be a number 0..65535, got «${raw}»`);
  return port;
}

/** Runs a command with inherited output; resolves with its exit code. */
function run(command: string, args: readonly string[], shell = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', shell });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Why Electron cannot open a window here even with its binary: Linux without an X11 or Wayland display. */
function noDisplay(): string | null {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return null;
  return 'Electron binary is installed but there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
}

async function startBrowserWorkstation(port: number, why: string): Promise<void> {
  console.log(`${why}: starting the browser workstation instead`);
  const verbose = process.argv.includes('--verbose');
  if (!verbose) {
    mkdirSync(path.dirname(LOG_FILE), { recursive: true });
    createOwnerOnlyFile(LOG_FILE);
    console.log(`Its log: ${path.relative(root, LOG_FILE)} (npm start -- --verbose prints it here)`);
  }
  const log = verbose ? (line: string): void => console.error(line)
    : (line: string): void => appendFileSync(LOG_FILE, `${new Date().toISOString()} ${line}\n`);
  const configuredUrl = process.env[API_URL_ENV]?.trim();
  let server: RunningServer | null = null;
  let apiUrl: string;
  let deskDir: string;

  if (configuredUrl) {
    const problem = apiUrlProblem(configuredUrl);
    if (problem) fail(`${API_URL_ENV}: ${problem}`);
    apiUrl = configuredUrl;
    deskDir = path.join(root, '.cache', 'desk-browser');
  } else {
    const serverDir = path.join(root, '.cache', 'demo-server');
    deskDir = path.join(root, '.cache', 'desk-demo');
    // A new demo data set makes the old local cache a copy of appeals that no longer exist.
    if (!existsSync(serverDir)) {
      for (const dir of [deskDir, SECOND_DESK_DIR]) rmSync(dir, { recursive: true, force: true });
    }
    // The embedded demo only (never with a configured API URL): a simulated public posts live through the connectors.
    server = await startServer({ port: 0, dataDir: serverDir, demo: DEMO_APPEALS, demoHistory: DEMO_APPEALS, demoWorked: true,
      demoLivePublic: {},
      log: (line) => log(`server: ${line}`) });
    apiUrl = server.url;
    console.log(`Demo central API: ${apiUrl} (data in ${path.relative(root, serverDir)})`);
  }

  const harness = await startHarness({
    port,
    apiUrl,
    dataDir: deskDir,
    demo: server !== null,
    ...(server !== null ? { login: DEMO_LOGIN } : {}),
    log,
  }).catch(async (error: unknown) => {
    await server?.close();
    const code = (error as NodeJS.ErrnoException).code;
    fail(code === 'EADDRINUSE' ? `port ${port} is busy; pass another with --port` : String(error));
  });

  // harness.url carries this start's key in its fragment (#k=…): the page needs it, other local users must not see it.
  // It is only printed here, never passed to another program on a command line (any user can read those in ps).
  console.log(`\nOpen ${harness.url} in a browser${server !== null ? ' (signed in as operator1)' : ''}. Ctrl+C to stop.`);
  console.log('The part after # is a key made for this start; without it the page cannot reach the desk. Do not share it.');
  if (server !== null) {
    // Team mode needs a second desk: its own harness (its own port and cache folder) on the same central API. The API
    // address carries no secret; the second desk prints its own keyed address when it is up.
    const second = path.relative(root, SECOND_DESK_DIR);
    console.log(`Second desk (team mode), in another terminal: npm run harness -- --port ${port === 0 ? 0 : port + 1} `
      + `--api ${apiUrl} --data ${second} --login operator2 --password operator2`
      + ' (or --login lead --password lead for the shift lead), then open the address it prints.');
  }
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await harness.close();
      await server?.close();
      process.exit(0);
    })();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

checkArguments(process.argv.slice(2));
const port = parsePort(process.argv.slice(2));
// npm is a .cmd script on Windows, which Node only spawns through a shell.
const onWindows = process.platform === 'win32';
const built = await run(onWindows ? 'npm.cmd' : 'npm', ['run', 'build'], onWindows);
if (built !== 0) fail(`npm run build failed (exit ${built})`);

const electron = await ensureElectronBinary({ onSlow: (message) => console.log(`start: ${message}`) });
const displayProblem = noDisplay();
if (!electron.ok) {
  await startBrowserWorkstation(port, `Electron binary could not be downloaded (${electron.reason})`);
} else if (displayProblem !== null) {
  await startBrowserWorkstation(port, displayProblem);
} else {
  process.exit(await run(electron.binary, ['.']));
}
