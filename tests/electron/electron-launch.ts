// What every _electron spec shares: the Electron binary (installed by `npm start`, `.ci/run` or `npx install-electron`;
// npm ci does not fetch it since Electron 42), the one-line reason to skip when it could not be had, and the launch
// arguments and environment of the built app in a test.
import path from 'node:path';
import { electronSkipReason, findElectronBinary } from '../../scripts/electron-binary.js';

const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const found = findElectronBinary();
/** The binary to launch, or null when the specs skip (no binary; or Linux without a display: run under xvfb-run). */
export const binary = noDisplay ? null : found;
export const skipReason = found === null ? electronSkipReason()
  : noDisplay ? 'Electron binary installed but no display (DISPLAY and WAYLAND_DISPLAY unset); run under xvfb-run -a' : '';
export const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * The app folder, after `--no-sandbox` only where the tests run as root (CI containers): Chromium refuses to start as
 * root with its sandbox. This is for the test process only; operators' installs keep the sandbox (docs/IT.md).
 */
export function launchArgs(): string[] {
  return [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root];
}

/**
 * The test's environment without TRIAGE_DESK_API_URL (demo mode), its own userData, and no native dialogs: a test
 * driver cannot answer a modal, and on Linux GTK would block the main process (TRIAGE_DESK_NO_DIALOGS, main.ts).
 */
export function launchEnv(userData: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  delete env.TRIAGE_DESK_API_URL;
  return { ...env, TRIAGE_DESK_USER_DATA: userData, TRIAGE_DESK_NO_DIALOGS: '1', ...extra };
}
