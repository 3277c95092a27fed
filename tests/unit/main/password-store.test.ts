// The Linux keyring switch: the policy's passwordStore is validated, goes onto Chromium's command line on Linux only,
// and wins over a different --password-store the process was started with (reported, not silent).
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../electron/main/machine-policy.js';
import { passwordStoreSwitch, PASSWORD_STORES } from '../../../electron/main/password-store.js';

const FILE = '/etc/triage-desk/policy.json';

describe('passwordStore in the machine policy', () => {
  it('accepts the keyrings Chromium knows', () => {
    for (const store of PASSWORD_STORES) {
      const load = parsePolicy(JSON.stringify({ passwordStore: store }), FILE);
      expect(load.ok && load.policy.passwordStore).toBe(store);
    }
    const none = parsePolicy('{}', FILE);
    expect(none.ok && 'passwordStore' in none.policy).toBe(false);
  });

  it('refuses anything else, naming the field and the choices', () => {
    const load = parsePolicy(JSON.stringify({ passwordStore: 'gnome-keyring' }), FILE);
    expect(load.ok).toBe(false);
    if (!load.ok) expect(load.problem).toBe('поле "passwordStore": «gnome-keyring» — ожидается одно из: gnome-libsecret, kwallet, kwallet5, kwallet6, basic.');
  });
});

describe('passwordStoreSwitch', () => {
  it('appends the policy keyring on Linux before ready', () => {
    expect(passwordStoreSwitch('gnome-libsecret', '', 'linux')).toEqual({
      append: 'gnome-libsecret', note: 'keyring: --password-store=gnome-libsecret from the policy',
    });
  });

  it('overrides a different command-line value and says so', () => {
    expect(passwordStoreSwitch('kwallet5', 'basic', 'linux')).toEqual({
      append: 'kwallet5', note: "keyring: --password-store=kwallet5 from the policy (the command line's --password-store=basic is overridden)",
    });
  });

  it('leaves a command-line choice alone without a policy value, and does nothing off Linux', () => {
    expect(passwordStoreSwitch(undefined, 'gnome-libsecret', 'linux')).toEqual({
      append: null, note: 'keyring: --password-store=gnome-libsecret from the command line',
    });
    expect(passwordStoreSwitch(undefined, '', 'linux')).toEqual({ append: null, note: null });
    expect(passwordStoreSwitch('kwallet5', '', 'win32')).toMatchObject({ append: null });
  });
});
