// Where the central API lives: env TRIAGE_DESK_API_URL, else <userData>/config.json, else demo mode.
// Parsing is pure; a broken config is an error the operator sees, never a quiet switch to demo data.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const API_URL_ENV = 'TRIAGE_DESK_API_URL';
export const CONFIG_FILE_NAME = 'config.json';

export type AppConfig =
  | { ok: true; apiUrl: string; source: 'env' | 'file' }
  | { ok: true; apiUrl: null; source: 'demo' }
  | { ok: false; kind: 'env' | 'file'; where: string; problem: string };

export interface AppConfigInput {
  /** process.env[API_URL_ENV] */
  envApiUrl: string | undefined;
  /** Absolute path of config.json, named in error messages. */
  configPath: string;
  /** The file's text, or null when the file does not exist. */
  configText: string | null;
}

export function parseAppConfig(input: AppConfigInput): AppConfig {
  const fromEnv = input.envApiUrl?.trim();
  if (fromEnv) {
    const problem = apiUrlProblem(fromEnv);
    if (problem) return { ok: false, kind: 'env', where: `переменная окружения ${API_URL_ENV}`, problem };
    return { ok: true, apiUrl: normaliseApiUrl(fromEnv), source: 'env' };
  }
  if (input.configText === null) return { ok: true, apiUrl: null, source: 'demo' };

  const fail = (problem: string): AppConfig => ({ ok: false, kind: 'file', where: input.configPath, problem });
  let data: unknown;
  try {
    // Windows editors like to prepend a byte-order mark; JSON.parse refuses it.
    data = JSON.parse(input.configText.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail(`файл не является корректным JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('ожидается объект вида {"apiUrl": "https://…"}.');
  }
  const unknownKeys = Object.keys(data).filter((key) => key !== 'apiUrl');
  if (unknownKeys.length > 0) {
    // A typo such as "apiURL" would otherwise silently start demo mode.
    return fail(`неизвестные поля: ${unknownKeys.join(', ')}. Допустимо только "apiUrl".`);
  }
  const apiUrl: unknown = (data as { apiUrl?: unknown }).apiUrl;
  if (typeof apiUrl !== 'string' || apiUrl.trim() === '') {
    return fail('поле "apiUrl" обязательно и должно быть непустой строкой.');
  }
  const problem = apiUrlProblem(apiUrl.trim());
  if (problem) return fail(`поле "apiUrl": ${problem}`);
  return { ok: true, apiUrl: normaliseApiUrl(apiUrl.trim()), source: 'file' };
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', '[::1]']);

/** A human-readable reason the URL cannot be the central API, or null when it can. */
export function apiUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `«${raw}» не является адресом (ожидается https://…).`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `адрес должен начинаться с https://, а не ${url.protocol}//.`;
  }
  // Citizens' personal data crosses this link: plain http is only for a server on this very machine.
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return `адрес должен начинаться с https:// (http:// допустим только для 127.0.0.1), а указан ${url.origin}.`;
  }
  if (url.username !== '' || url.password !== '') return 'логин и пароль в адресе не допускаются.';
  if (url.search !== '' || url.hash !== '') return 'адрес не должен содержать ? или #.';
  return null;
}

function normaliseApiUrl(raw: string): string {
  return new URL(raw).href.replace(/\/+$/, '');
}

/** The text of the error dialog for a broken configuration. */
export function describeConfigError(config: { kind: 'env' | 'file'; where: string; problem: string }): string {
  const fix = config.kind === 'file'
    ? 'Исправьте или удалите файл (без него приложение запустится в демонстрационном режиме).'
    : `Исправьте или удалите переменную ${API_URL_ENV}.`;
  return `Не удалось прочитать настройки подключения.\n\nГде: ${config.where}\nПроблема: ${config.problem}\n\n${fix}`;
}

/** Reads env and <userDataDir>/config.json; an unreadable file is an error, only a missing one means demo. */
export function loadAppConfig(userDataDir: string, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const configPath = path.join(userDataDir, CONFIG_FILE_NAME);
  const envApiUrl = env[API_URL_ENV];
  // The environment wins outright: a broken file it overrides must not block the start.
  if (envApiUrl?.trim()) return parseAppConfig({ envApiUrl, configPath, configText: null });
  let configText: string | null = null;
  try {
    configText = readFileSync(configPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      return { ok: false, kind: 'file', where: configPath, problem: `файл не читается (${code ?? String(error)}).` };
    }
  }
  return parseAppConfig({ envApiUrl, configPath, configText });
}
