// Which Linux keyring Chromium (and so safeStorage) uses. Chromium picks it from the desktop environment; on desktops
// it does not know (Astra's Fly among them) it falls back to `basic_text`, a hard-coded key, and the app then keeps
// the sign-in in memory only. IT names the keyring in the policy (`passwordStore`) or on the command line
// (`--password-store=…`); the policy's value is appended to Chromium's command line before app ready.

/** The values Chromium's --password-store accepts (components/os_crypt, Electron's safeStorage docs). */
export const PASSWORD_STORES = ['gnome-libsecret', 'kwallet', 'kwallet5', 'kwallet6', 'basic'] as const;
export type PasswordStore = (typeof PASSWORD_STORES)[number];

export function isPasswordStore(value: unknown): value is PasswordStore {
  return typeof value === 'string' && (PASSWORD_STORES as readonly string[]).includes(value);
}

export type PasswordStoreSwitch =
  | { append: null; note: string | null }
  | { append: PasswordStore; note: string };

/**
 * What to put on Chromium's command line: the policy's keyring on Linux (it wins over a different
 * `--password-store` the process was started with, which is reported); nothing elsewhere or without a policy value.
 */
export function passwordStoreSwitch(policyValue: PasswordStore | undefined, commandLineValue: string,
  platform: NodeJS.Platform): PasswordStoreSwitch {
  if (policyValue === undefined) {
    return { append: null, note: commandLineValue !== '' ? `keyring: --password-store=${commandLineValue} from the command line` : null };
  }
  if (platform !== 'linux') return { append: null, note: `keyring: policy passwordStore ignored on ${platform} (Linux only)` };
  const overridden = commandLineValue !== '' && commandLineValue !== policyValue
    ? ` (the command line's --password-store=${commandLineValue} is overridden)` : '';
  return { append: policyValue, note: `keyring: --password-store=${policyValue} from the policy${overridden}` };
}
