// Update decisions: feed from policy, staged rollout by machine fraction, and never installing over an operator.
import { describe, expect, it } from 'vitest';
import {
  installDecision, machineFraction, stagedRolloutIncludes, updateNeedsAdmin, updaterSetup,
} from '../../../electron/main/update-plan.js';

describe('updaterSetup', () => {
  it('uses the generic provider at the policy updateUrl in packaged builds only', () => {
    expect(updaterSetup({ updateUrl: 'https://upd.nso.ru/desk', packaged: true, platform: 'win32' })).toEqual({
      enabled: true, feed: { provider: 'generic', url: 'https://upd.nso.ru/desk' }, autoDownload: true, autoInstallOnAppQuit: true,
    });
    expect(updaterSetup({ updateUrl: 'https://upd.nso.ru/desk', packaged: false, platform: 'win32' })).toMatchObject({ enabled: false });
    expect(updaterSetup({ updateUrl: undefined, packaged: true, platform: 'darwin' })).toMatchObject({ enabled: false });
  });
});

describe('staged rollout', () => {
  it('honours stagingPercentage: a machine below the fraction takes the update, one above waits', () => {
    expect(stagedRolloutIncludes(undefined, 0.99)).toBe(true);
    expect(stagedRolloutIncludes(10, 0.05)).toBe(true);
    expect(stagedRolloutIncludes(10, 0.15)).toBe(false);
    expect(stagedRolloutIncludes('25', 0.2)).toBe(true);
    expect(stagedRolloutIncludes(0, 0)).toBe(false);
    expect(stagedRolloutIncludes(100, 0.999)).toBe(true);
    expect(stagedRolloutIncludes('garbage', 0.5)).toBe(true);
  });

  it('spreads machines evenly and keeps each one stable', () => {
    const fractions = Array.from({ length: 2000 }, (_, i) => machineFraction(`machine-${i}`));
    expect(machineFraction('machine-7')).toBe(fractions[7]);
    const inTenPercent = fractions.filter((f) => stagedRolloutIncludes(10, f)).length;
    expect(inTenPercent).toBeGreaterThan(140);
    expect(inTenPercent).toBeLessThan(260);
    expect(fractions.every((f) => f >= 0 && f < 1)).toBe(true);
  });
});

describe('installDecision', () => {
  const idle = { mode: 'when-idle', idleMinutes: 30 } as const;
  it('never installs over an operator under the default on-quit policy', () => {
    expect(installDecision({ downloaded: true, install: { mode: 'on-quit' }, idleSeconds: 86_400, pendingDecisions: 0 })).toBe('wait-for-quit');
  });

  it('installs under when-idle only after the idle time and with nothing unsent', () => {
    expect(installDecision({ downloaded: true, install: idle, idleSeconds: 1800, pendingDecisions: 0 })).toBe('install-now');
    expect(installDecision({ downloaded: true, install: idle, idleSeconds: 1799, pendingDecisions: 0 })).toBe('wait-for-quit');
    expect(installDecision({ downloaded: true, install: idle, idleSeconds: 7200, pendingDecisions: 2 })).toBe('wait-for-quit');
    expect(installDecision({ downloaded: false, install: idle, idleSeconds: 7200, pendingDecisions: 0 })).toBe('wait-for-quit');
  });
});

describe('updateNeedsAdmin', () => {
  it('flags a per-machine NSIS update (a UAC prompt operators cannot answer), on Windows only', () => {
    const perMachine = { files: [{ url: 'Triage Desk Setup 1.2.0.exe', isAdminRightsRequired: true }] };
    const perUser = { files: [{ url: 'Triage Desk Setup 1.2.0.exe', isAdminRightsRequired: false }, {}] };
    expect(updateNeedsAdmin(perMachine, 'win32')).toBe(true);
    expect(updateNeedsAdmin(perUser, 'win32')).toBe(false);
    expect(updateNeedsAdmin({}, 'win32')).toBe(false);
    expect(updateNeedsAdmin(perMachine, 'darwin')).toBe(false);
  });
});
