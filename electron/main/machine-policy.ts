// The machine-wide policy file IT puts on every workstation (API URL, updates, extra CA, proxy, link allowlist,
// favourite targets, the Linux keyring, which settings are locked). Parsing is pure; a broken file is an error, never ignored.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UNDO_SECONDS_MAX, UNDO_SECONDS_MIN } from '../../shared/domain/undo-window.js';
import { apiUrlProblem } from './app-config.js';
import { isPasswordStore, PASSWORD_STORES, type PasswordStore } from './password-store.js';

export const POLICY_KEYS = [
  'apiUrl', 'updateUrl', 'updateInstall', 'caBundle', 'proxy', 'linkAllowlist', 'favoriteTargets', 'passwordStore', 'locked',
  'undoSeconds',
] as const;
/** Settings the user also has (config.json / env for apiUrl, the favourites dialog); policy may lock them. */
export const LOCKABLE_KEYS = ['apiUrl', 'favoriteTargets'] as const;
export type LockableKey = (typeof LOCKABLE_KEYS)[number];

/** 'on-quit': never while the operator works; 'when-idle': also after this many idle minutes with nothing unsent. */
export type UpdateInstall = { mode: 'on-quit' } | { mode: 'when-idle'; idleMinutes: number };

export interface ProxyPolicy {
  /** Chromium proxy rules, e.g. "http://proxy.nso.local:3128"; or 'system' / 'direct'. */
  mode: 'fixed' | 'system' | 'direct';
  rules?: string;
  bypass?: string;
}

export interface MachinePolicy {
  apiUrl?: string;
  updateUrl?: string;
  updateInstall: UpdateInstall;
  /** Absolute path of a PEM file with extra root CAs, and its certificates (read at load time). */
  caBundle?: { file: string; pems: string[] };
  proxy?: ProxyPolicy;
  linkAllowlist: string[];
  favoriteTargets?: string[];
  /** Linux: the keyring Chromium's safeStorage uses (--password-store), where it cannot tell from the desktop. */
  passwordStore?: PasswordStore;
  locked: LockableKey[];
  /** How long a decision stays on this machine, undoable with Ctrl+Z, before it is sent (whole seconds, 5…10). */
  undoSeconds?: number;
}

/** The undo window IT may set (#13): shorter is too quick to catch a wrong key, longer delays colleagues' view. */

export type PolicyLoad =
  | { ok: true; policy: MachinePolicy; file: string; present: boolean }
  | { ok: false; file: string; problem: string };

export const EMPTY_POLICY: MachinePolicy = { updateInstall: { mode: 'on-quit' }, linkAllowlist: [], locked: [] };

/** Where IT puts the file on each OS (the paths; %ProgramData% read from the environment). */
export function policyFilePath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv = process.env): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', 'TriageDesk', 'policy.json');
    case 'darwin':
      return '/Library/Application Support/TriageDesk/policy.json';
    default:
      return '/etc/triage-desk/policy.json';
  }
}

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A bare DNS name like "max.ru" (lowercase, at least two labels, no scheme, port or path). */
export function isBareHostname(value: string): boolean {
  if (value.length > 253 || value !== value.toLowerCase()) return false;
  const labels = value.split('.');
  return labels.length >= 2 && labels.every((label) => HOST_LABEL.test(label)) && !/^[0-9]+$/.test(labels.at(-1) ?? '');
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

export interface PolicyFileReader {
  /** Text of a file, or null when it does not exist; throws for any other read error. */
  readText(file: string): string | null;
}

export const diskReader: PolicyFileReader = {
  readText(file) {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  },
};

class PolicyProblem extends Error {}
const problem = (message: string): never => {
  throw new PolicyProblem(message);
};

function stringList(data: Record<string, unknown>, key: string, max: number): string[] | undefined {
  const value = data[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item.trim() !== '')) {
    return problem(`поле "${key}" должно быть списком непустых строк.`);
  }
  const items = value.map((item: string) => item.trim());
  if (items.length > max) problem(`в поле "${key}" не больше ${max} значений.`);
  const duplicate = items.find((item, index) => items.indexOf(item) !== index);
  if (duplicate !== undefined) problem(`в поле "${key}" значение «${duplicate}» повторяется.`);
  return items;
}

function urlField(data: Record<string, unknown>, key: 'apiUrl' | 'updateUrl'): string | undefined {
  const value = data[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') return problem(`поле "${key}" должно быть непустой строкой.`);
  const reason = apiUrlProblem(value.trim());
  if (reason) problem(`поле "${key}": ${reason}`);
  return new URL(value.trim()).href.replace(/\/+$/, '');
}

function parseUpdateInstall(value: unknown): UpdateInstall {
  if (value === undefined || value === 'on-quit') return { mode: 'on-quit' };
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { mode, idleMinutes, ...rest } = value as Record<string, unknown>;
    if (Object.keys(rest).length === 0 && mode === 'when-idle' && typeof idleMinutes === 'number' &&
      Number.isInteger(idleMinutes) && idleMinutes >= 5 && idleMinutes <= 24 * 60) {
      return { mode: 'when-idle', idleMinutes };
    }
  }
  return problem('поле "updateInstall": ожидается "on-quit" или {"mode": "when-idle", "idleMinutes": 5…1440}.');
}

function parseProxy(value: unknown): ProxyPolicy | undefined {
  if (value === undefined) return undefined;
  if (value === 'system' || value === 'direct') return { mode: value };
  const shape = 'ожидается "system", "direct" или {"rules": "http://прокси:порт", "bypass": "*.nso.local"}.';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem(`поле "proxy": ${shape}`);
  const { rules, bypass, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) problem(`поле "proxy": неизвестные поля ${Object.keys(rest).join(', ')}; ${shape}`);
  if (typeof rules !== 'string' || !/^(https?|socks[45]?):\/\/[^\s/]+$/.test(rules.trim())) {
    problem(`поле "proxy.rules": «${String(rules)}» не похоже на адрес прокси (например http://proxy.nso.local:3128).`);
  }
  if (bypass !== undefined && (typeof bypass !== 'string' || /[\s]/.test(bypass.replace(/,\s*/g, ',')))) {
    problem('поле "proxy.bypass" должно быть строкой вида "*.nso.local,10.0.0.0/8".');
  }
  return { mode: 'fixed', rules: (rules as string).trim(), ...(typeof bypass === 'string' ? { bypass } : {}) };
}

function parseUndoSeconds(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < UNDO_SECONDS_MIN || value > UNDO_SECONDS_MAX) {
    return problem(`поле "undoSeconds": «${JSON.stringify(value)}» — ожидается целое число секунд от ${UNDO_SECONDS_MIN} до ${UNDO_SECONDS_MAX}.`);
  }
  return value;
}

function parseCaBundle(value: unknown, reader: PolicyFileReader): MachinePolicy['caBundle'] {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !path.isAbsolute(value)) {
    return problem('поле "caBundle" должно быть абсолютным путём к файлу PEM с сертификатами.');
  }
  let text: string | null;
  try {
    text = reader.readText(value);
  } catch (error) {
    return problem(`файл сертификатов ${value} не читается (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  if (text === null) return problem(`файл сертификатов ${value} (поле "caBundle") не найден.`);
  const pems = text.match(PEM_CERT) ?? [];
  if (pems.length === 0) problem(`в файле ${value} (поле "caBundle") нет ни одного сертификата PEM.`);
  // Each block read as a certificate now: a damaged one (a paste cut short, a key pasted in) would otherwise pass here
  // and stop the start later in tls.setDefaultCACertificates with OpenSSL's «ASN1 lib» and no file named.
  pems.forEach((pem, index) => {
    try {
      new X509Certificate(pem);
    } catch {
      problem(`в файле ${value} (поле "caBundle") сертификат №${index + 1} из ${pems.length} повреждён: это не сертификат X.509.`);
    }
  });
  return { file: value, pems };
}

/** Parses the policy text; `file` is named in every problem. */
export function parsePolicy(text: string, file: string, reader: PolicyFileReader = diskReader): PolicyLoad {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, file, problem: `файл не является корректным JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, file, problem: 'ожидается объект JSON с полями политики.' };
  }
  const record = data as Record<string, unknown>;
  try {
    const unknownKeys = Object.keys(record).filter((key) => !(POLICY_KEYS as readonly string[]).includes(key));
    if (unknownKeys.length > 0) {
      problem(`неизвестные поля: ${unknownKeys.join(', ')}. Допустимы: ${POLICY_KEYS.join(', ')}.`);
    }
    const linkAllowlist = (stringList(record, 'linkAllowlist', 100) ?? []).map((host) => host.toLowerCase());
    const badHost = linkAllowlist.find((host) => !isBareHostname(host));
    if (badHost !== undefined) problem(`поле "linkAllowlist": «${badHost}» — ожидается имя домена без https:// и пути, например max.ru.`);
    const favoriteTargets = stringList(record, 'favoriteTargets', 9);
    const locked = stringList(record, 'locked', LOCKABLE_KEYS.length) ?? [];
    const badLock = locked.find((key) => !(LOCKABLE_KEYS as readonly string[]).includes(key));
    if (badLock !== undefined) problem(`поле "locked": «${badLock}» нельзя закрепить; можно: ${LOCKABLE_KEYS.join(', ')}.`);
    // Locking a setting without giving its value would leave the user nothing to work with: a contradiction.
    const lockedEmpty = locked.find((key) => record[key] === undefined);
    if (lockedEmpty !== undefined) problem(`поле "locked" закрепляет "${lockedEmpty}", но значение "${lockedEmpty}" в политике не задано.`);

    const apiUrl = urlField(record, 'apiUrl');
    const updateUrl = urlField(record, 'updateUrl');
    const caBundle = parseCaBundle(record.caBundle, reader);
    const proxy = parseProxy(record.proxy);
    const undoSeconds = parseUndoSeconds(record.undoSeconds);
    const passwordStore = record.passwordStore;
    if (passwordStore !== undefined && !isPasswordStore(passwordStore)) {
      problem(`поле "passwordStore": «${String(passwordStore)}» — ожидается одно из: ${PASSWORD_STORES.join(', ')}.`);
    }
    const policy: MachinePolicy = {
      updateInstall: parseUpdateInstall(record.updateInstall),
      linkAllowlist,
      locked: locked as LockableKey[],
      ...(apiUrl === undefined ? {} : { apiUrl }),
      ...(updateUrl === undefined ? {} : { updateUrl }),
      ...(caBundle === undefined ? {} : { caBundle }),
      ...(proxy === undefined ? {} : { proxy }),
      ...(favoriteTargets === undefined ? {} : { favoriteTargets }),
      ...(isPasswordStore(passwordStore) ? { passwordStore } : {}),
      ...(undoSeconds === undefined ? {} : { undoSeconds }),
    };
    return { ok: true, policy, file, present: true };
  } catch (error) {
    if (error instanceof PolicyProblem) return { ok: false, file, problem: error.message };
    throw error;
  }
}

/** Reads the policy file: missing means "no policy" (an unmanaged machine); unreadable or malformed is an error. */
export function loadPolicy(file: string, reader: PolicyFileReader = diskReader): PolicyLoad {
  let text: string | null;
  try {
    text = reader.readText(file);
  } catch (error) {
    return { ok: false, file, problem: `файл не читается (${(error as NodeJS.ErrnoException).code ?? String(error)}).` };
  }
  if (text === null) return { ok: true, policy: EMPTY_POLICY, file, present: false };
  return parsePolicy(text, file, reader);
}

/** The text of the error window for a broken policy. */
export function describePolicyError(load: { file: string; problem: string }): string {
  return `Не удалось прочитать политику администратора.\n\nФайл: ${load.file}\nПроблема: ${load.problem}\n\n` +
    'Программа не запустится, пока файл не исправлен. Обратитесь к администратору (ИТ-отдел ЦУР).';
}
