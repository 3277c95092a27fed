// electron-updater wired to the policy: background download from the generic feed, this machine's rollout
// fraction against stagingPercentage, install on quit (or when idle if policy says). On Windows electron-updater
// checks the installer's Authenticode signature against the publisherName baked into app-update.yml at build, and
// an installer that would elevate (per-machine NSIS: a UAC prompt operators cannot answer) is never taken.
// Its requests go through its own session (`updaterSession`), which main.ts gives the policy's proxy and CAs.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { app, powerMonitor, type Session } from 'electron';
import electronUpdater from 'electron-updater';
import type { UpdateInstall } from './machine-policy.js';
import { installDecision, machineFraction, stagedRolloutIncludes, updateNeedsAdmin, updaterSetup } from './update-plan.js';

const CHECK_EVERY_MS = 4 * 60 * 60_000;
const IDLE_POLL_MS = 60_000;

function rolloutId(userData: string): string {
  const file = path.join(userData, 'rollout-id');
  try {
    const id = readFileSync(file, 'utf8').trim();
    if (id.length >= 16) return id;
  } catch {
    // first run: make one below
  }
  const id = randomUUID();
  writeFileSync(file, id, { mode: 0o600 });
  return id;
}

/** electron-updater's own session (partition "electron-updater"): the network policy must reach it too. */
export function updaterSession(): Session {
  return electronUpdater.autoUpdater.netSession;
}

export function startUpdater(options: {
  updateUrl: string | undefined;
  install: UpdateInstall;
  pendingDecisions: () => Promise<number>;
  log: (line: string) => void;
}): () => void {
  const setup = updaterSetup({ updateUrl: options.updateUrl, packaged: app.isPackaged, platform: process.platform });
  if (!setup.enabled) {
    options.log(`updater: off (${setup.reason})`);
    return () => {};
  }
  const { autoUpdater } = electronUpdater;
  const fraction = machineFraction(rolloutId(app.getPath('userData')));
  autoUpdater.logger = { info: (m: unknown) => options.log(`updater: ${String(m)}`), warn: (m: unknown) => options.log(`updater: ${String(m)}`),
    error: (m: unknown) => options.log(`updater error: ${String(m)}`), debug: () => {} };
  autoUpdater.setFeedURL(setup.feed);
  autoUpdater.autoDownload = setup.autoDownload;
  autoUpdater.autoInstallOnAppQuit = setup.autoInstallOnAppQuit;
  autoUpdater.allowDowngrade = false;
  autoUpdater.isUserWithinRollout = (info) => stagedRolloutIncludes(info.stagingPercentage, fraction);
  const builtInSupportCheck = autoUpdater.isUpdateSupported;
  const refusedForAdmin = new Set<string>();
  autoUpdater.isUpdateSupported = (info) => {
    if (updateNeedsAdmin(info, process.platform)) {
      // Not downloaded at all: installing it (on quit or when idle) would leave a UAC prompt nobody can answer.
      if (!refusedForAdmin.has(info.version)) {
        refusedForAdmin.add(info.version);
        options.log(`updater: ${info.version} is a per-machine installer that needs administrator rights; ` +
          'not installed by the app (IT deploys it, or publishes the per-user build: docs/IT.md)');
      }
      return false;
    }
    return builtInSupportCheck(info);
  };

  let downloaded = false;
  const timers: NodeJS.Timeout[] = [];
  const check = (): void => {
    autoUpdater.checkForUpdates().catch((error: unknown) => options.log(`updater: check failed: ${String(error)}`));
  };
  autoUpdater.on('update-downloaded', (info) => {
    if (updateNeedsAdmin(info, process.platform)) {
      autoUpdater.autoInstallOnAppQuit = false;
      return;
    }
    downloaded = true;
    options.log(`updater: ${info.version} downloaded; installs ${options.install.mode === 'on-quit' ? 'on quit' : 'when idle'}`);
  });
  if (options.install.mode === 'when-idle') {
    const install = options.install;
    timers.push(setInterval(() => {
      if (!downloaded) return;
      void options.pendingDecisions().then((pendingDecisions) => {
        const decision = installDecision({ downloaded, install, idleSeconds: powerMonitor.getSystemIdleTime(), pendingDecisions });
        if (decision === 'install-now') autoUpdater.quitAndInstall(true, true);
      });
    }, IDLE_POLL_MS));
  }
  check();
  timers.push(setInterval(check, CHECK_EVERY_MS));
  for (const timer of timers) timer.unref();
  return () => timers.forEach((timer) => clearInterval(timer));
}
