// electron-updater wired to the policy: background download from the generic feed, this machine's rollout
// fraction against stagingPercentage, install on quit (or when idle if policy says). On Windows electron-updater
// checks the installer's Authenticode signature against the publisherName baked into app-update.yml at build.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { app, powerMonitor } from 'electron';
import electronUpdater from 'electron-updater';
import type { UpdateInstall } from './machine-policy.js';
import { installDecision, machineFraction, stagedRolloutIncludes, updaterSetup } from './update-plan.js';

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

  let downloaded = false;
  const timers: NodeJS.Timeout[] = [];
  const check = (): void => {
    autoUpdater.checkForUpdates().catch((error: unknown) => options.log(`updater: check failed: ${String(error)}`));
  };
  autoUpdater.on('update-downloaded', (info) => {
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
