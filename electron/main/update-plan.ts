// When and whether to update, as pure decisions: the feed comes from the policy's updateUrl (generic provider),
// a staged rollout takes this machine only inside the server's stagingPercentage, and an installed update never
// interrupts an operator: it waits for quit, or for the idle time the policy allows with nothing left unsent; and it
// never needs administrator rights (per-user NSIS install; an elevating installer is left to IT).
import { createHash } from 'node:crypto';
import type { UpdateInstall } from './machine-policy.js';

export type UpdaterSetup =
  | { enabled: false; reason: string }
  | { enabled: true; feed: { provider: 'generic'; url: string }; autoDownload: true; autoInstallOnAppQuit: true };

export function updaterSetup(input: { updateUrl: string | undefined; packaged: boolean; platform: NodeJS.Platform }): UpdaterSetup {
  if (!input.packaged) return { enabled: false, reason: 'not a packaged build' };
  if (input.updateUrl === undefined) return { enabled: false, reason: 'no updateUrl in the machine policy' };
  // deb and rpm are updated by the distribution's package manager (IT's repository), not by the app itself.
  if (input.platform === 'linux' && process.env.APPIMAGE === undefined) {
    return { enabled: false, reason: 'deb/rpm installs are updated through the package repository' };
  }
  return { enabled: true, feed: { provider: 'generic', url: input.updateUrl }, autoDownload: true, autoInstallOnAppQuit: true };
}

/** A stable fraction in [0, 1) for this machine, from its rollout id (random, kept in userData). */
export function machineFraction(rolloutId: string): number {
  return createHash('sha256').update(rolloutId).digest().readUInt32BE(0) / 0x1_0000_0000;
}

/** latest.yml's stagingPercentage (0–100): absent or unreadable means everyone, as electron-updater treats it. */
export function stagedRolloutIncludes(stagingPercentage: unknown, fraction: number): boolean {
  if (stagingPercentage === undefined || stagingPercentage === null) return true;
  const percent = typeof stagingPercentage === 'number' ? stagingPercentage : Number.parseInt(String(stagingPercentage), 10);
  if (!Number.isFinite(percent)) return true;
  return fraction < Math.min(100, Math.max(0, percent)) / 100;
}

export interface InstallFacts {
  downloaded: boolean;
  install: UpdateInstall;
  /** Seconds since the last keyboard or mouse input (powerMonitor.getSystemIdleTime). */
  idleSeconds: number;
  /** Decisions not yet on the server: an update restart must not strand them mid-push. */
  pendingDecisions: number;
}

/** 'install-now' only under a 'when-idle' policy, after the idle time, with nothing unsent; else wait for quit. */
export function installDecision(facts: InstallFacts): 'install-now' | 'wait-for-quit' {
  if (!facts.downloaded || facts.install.mode === 'on-quit') return 'wait-for-quit';
  if (facts.pendingDecisions > 0) return 'wait-for-quit';
  return facts.idleSeconds >= facts.install.idleMinutes * 60 ? 'install-now' : 'wait-for-quit';
}

/** The part of electron-updater's UpdateInfo that says whether its installer elevates (latest.yml `files[]`). */
export interface UpdateFiles { files?: ReadonlyArray<{ isAdminRightsRequired?: boolean }> }

/**
 * Whether installing this update would raise a UAC prompt: electron-builder marks per-machine NSIS installers with
 * `isAdminRightsRequired`, and electron-updater then runs them through elevate.exe. Operators have no administrator
 * rights, so such an update is never installed by the app (not on quit, not when idle): IT deploys it instead.
 */
export function updateNeedsAdmin(info: UpdateFiles, platform: NodeJS.Platform): boolean {
  return platform === 'win32' && (info.files ?? []).some((file) => file.isAdminRightsRequired === true);
}
