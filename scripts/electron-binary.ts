// Finds the Electron executable of the installed `electron` package and installs it when it is missing. Since
// Electron 42 the npm package has no install script: `npm ci` never fetches the binary, the package's own
// `install-electron` bin (install.js, @electron/get) does, on demand. `npm start`, `.ci/run` and the _electron specs
// share this module, so they agree on what is installed and on why it is not.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** A slow office network gets this long for the ~100 MB download; a refused one fails at once anyway. */
export const DEFAULT_INSTALL_TIMEOUT_MS = 180_000;
/** Seconds of silence after which a caller may say "still downloading". */
const SLOW_AFTER_MS = 3_000;
/** Kept between runs so the _electron specs can say why they skip (CI installs first, then tests). */
const ATTEMPT_FILE = path.join('.cache', 'electron-install-attempt.json');

export interface ElectronPackage {
  dir: string;
  version: string;
  /** Absolute path of the package's `install-electron` bin (its install.js). */
  installScript: string;
}

export type InstallOutcome =
  | { ok: true; binary: string; downloaded: boolean }
  | { ok: false; reason: string };

/** The installed `electron` package, read from its package.json without require('electron') (that would download). */
export function electronPackage(from: string = import.meta.url): ElectronPackage | null {
  let manifestFile: string;
  try {
    manifestFile = createRequire(from).resolve('electron/package.json');
  } catch {
    return null;
  }
  const dir = path.dirname(manifestFile);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { version?: string; bin?: Record<string, string> | string };
  const bin = typeof manifest.bin === 'object' ? manifest.bin['install-electron'] : undefined;
  return { dir, version: manifest.version ?? '?', installScript: path.join(dir, bin ?? 'install.js') };
}

/** Absolute path of the Electron executable in `packageDir` (path.txt → dist/…), or null when it is not installed. */
export function electronBinaryIn(packageDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (relative === '') return null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, relative) : path.join(packageDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

/** Absolute path of the Electron executable the npm package points to, or null when the binary is not installed. */
export function findElectronBinary(): string | null {
  const pkg = electronPackage();
  return pkg === null ? null : electronBinaryIn(pkg.dir);
}

/**
 * One short reason from install.js's stderr: its stack trace's first `SomeError: message` line (`TypeError: fetch
 * failed` → «fetch failed»; @electron/get's `HTTPError: Response code 404 …` → that message), else the last line.
 */
export function installFailureReason(stderr: string, exitCode: number | null, signal: NodeJS.Signals | null = null): string {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  for (const line of lines) {
    const match = /^(?:[A-Za-z]*Error|Error \[[A-Z_]+\]):\s*(.+)$/.exec(line);
    if (match?.[1]) return clip(match[1]);
  }
  const cause = lines.find((line) => /^\[cause\]|code: '/.test(line));
  const last = lines.at(-1);
  if (last !== undefined) return clip(cause ?? last);
  if (signal !== null) return `install-electron ended by ${signal}`;
  return `install-electron exited with code ${exitCode ?? '?'}`;
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 160 ? `${oneLine.slice(0, 157)}…` : oneLine;
}

export interface EnsureOptions {
  /** Give up (and kill the download) after this long; default 180 s, or TRIAGE_DESK_ELECTRON_INSTALL_TIMEOUT_S. */
  timeoutMs?: number;
  /** Called once if the download is still running after a few seconds: a chance to say "downloading". */
  onSlow?: (message: string) => void;
  /** For tests: another package folder and install script; where to keep the last attempt (root of the project). */
  pkg?: ElectronPackage | null;
  projectRoot?: string;
  env?: NodeJS.ProcessEnv;
}

function timeoutFrom(options: EnsureOptions): number {
  if (options.timeoutMs !== undefined) return options.timeoutMs;
  const seconds = Number((options.env ?? process.env).TRIAGE_DESK_ELECTRON_INSTALL_TIMEOUT_S);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_INSTALL_TIMEOUT_MS;
}

/** Runs the package's install-electron (install.js) with Node, bounded in time; stdout passes through, stderr is kept. */
function runInstallScript(pkg: ElectronPackage, timeoutMs: number, env: NodeJS.ProcessEnv, onSlow?: (message: string) => void,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [pkg.installScript], {
      cwd: pkg.dir,
      // No progress bar: its carriage returns would garble the one line the caller prints.
      env: { ...env, ELECTRON_GET_NO_PROGRESS: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 64_000) stderr += chunk;
    });
    const slow = setTimeout(() => onSlow?.(`downloading Electron ${pkg.version} (npx install-electron, up to ${Math.round(timeoutMs / 1000)} s)…`), SLOW_AFTER_MS);
    const limit = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const done = (code: number | null, signal: NodeJS.Signals | null): void => {
      clearTimeout(slow);
      clearTimeout(limit);
      resolve({ code, signal, stderr, timedOut });
    };
    child.once('error', (error) => {
      stderr += `\nError: ${error.message}`;
      done(null, null);
    });
    child.once('exit', done);
  });
}

function attemptFile(projectRoot: string): string {
  return path.join(projectRoot, ATTEMPT_FILE);
}

function recordAttempt(projectRoot: string, outcome: InstallOutcome, version: string): void {
  const file = attemptFile(projectRoot);
  try {
    if (outcome.ok) {
      rmSync(file, { force: true });
      return;
    }
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ version, reason: outcome.reason, at: new Date().toISOString() }));
  } catch {
    // Only a hint for a later skip message; never a reason to fail.
  }
}

const defaultRoot = path.resolve(import.meta.dirname, '..');

/**
 * The Electron binary, downloaded first when it is missing. Never throws: a failure comes back as one short reason
 * (and is remembered for {@link lastInstallFailure}).
 */
export async function ensureElectronBinary(options: EnsureOptions = {}): Promise<InstallOutcome> {
  const env = options.env ?? process.env;
  const projectRoot = options.projectRoot ?? defaultRoot;
  const pkg = options.pkg === undefined ? electronPackage() : options.pkg;
  if (pkg === null) return { ok: false, reason: 'the electron package is not installed (run npm ci)' };
  const present = electronBinaryIn(pkg.dir, env);
  if (present !== null) return { ok: true, binary: present, downloaded: false };
  if (!existsSync(pkg.installScript)) {
    return { ok: false, reason: `electron ${pkg.version} has no install-electron script at ${pkg.installScript}` };
  }
  const timeoutMs = timeoutFrom(options);
  const run = await runInstallScript(pkg, timeoutMs, env, options.onSlow);
  const binary = electronBinaryIn(pkg.dir, env);
  let outcome: InstallOutcome;
  if (binary !== null && run.code === 0) outcome = { ok: true, binary, downloaded: true };
  else if (run.timedOut) outcome = { ok: false, reason: `download took longer than ${Math.round(timeoutMs / 1000)} s` };
  else if (run.code === 0) outcome = { ok: false, reason: 'install-electron finished but no executable was found' };
  else outcome = { ok: false, reason: installFailureReason(run.stderr, run.code, run.signal) };
  recordAttempt(projectRoot, outcome, pkg.version);
  return outcome;
}

/** The reason of the last failed install attempt (by `npm start` or `.ci/run`), or null when none is recorded. */
export function lastInstallFailure(projectRoot: string = defaultRoot): string | null {
  try {
    const attempt = JSON.parse(readFileSync(attemptFile(projectRoot), 'utf8')) as { reason?: unknown };
    return typeof attempt.reason === 'string' ? attempt.reason : null;
  } catch {
    return null;
  }
}

/** The one-line skip reason of the _electron specs when the binary is absent. */
export function electronSkipReason(projectRoot: string = defaultRoot): string {
  const failure = lastInstallFailure(projectRoot);
  return failure === null
    ? 'Electron binary not installed (npm ci does not fetch it since Electron 42; run npx install-electron or npm start)'
    : `Electron binary could not be downloaded (${failure}); nothing to launch`;
}
