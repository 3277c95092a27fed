// Command-line options of `npm run harness`; pure, so main.ts stays a thin wrapper.

export interface HarnessArgs {
  port: number;
  apiUrl: string;
  dataDir: string;
  login?: { login: string; password: string };
  pushDelayMs?: number;
  syncIntervalMs?: number;
}

export const HARNESS_USAGE =
  'usage: npm run harness -- --port H --api URL --data DIR [--login L --password P] [--push-delay MS] [--sync-interval MS]';

export function parseHarnessArgs(argv: readonly string[]): { ok: true; args: HarnessArgs } | { ok: false; error: string } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === undefined || !flag.startsWith('--')) return { ok: false, error: `unexpected argument ${flag}` };
    if (value === undefined || value.startsWith('--')) return { ok: false, error: `${flag} needs a value` };
    values.set(flag.slice(2), value);
  }
  const known = new Set(['port', 'api', 'data', 'login', 'password', 'push-delay', 'sync-interval']);
  for (const key of values.keys()) if (!known.has(key)) return { ok: false, error: `unknown option --${key}` };

  const number = (key: string): number | undefined | null => {
    const raw = values.get(key);
    if (raw === undefined) return undefined;
    const parsed = Number(raw);
    return Number.isInteger(parsed) && parsed >= 0 ? parsed : null;
  };
  const port = number('port');
  if (port === undefined || port === null || port > 65535) return { ok: false, error: '--port must be 0..65535' };
  const apiUrl = values.get('api');
  if (apiUrl === undefined) return { ok: false, error: '--api is required' };
  const dataDir = values.get('data');
  if (dataDir === undefined) return { ok: false, error: '--data is required' };
  const login = values.get('login');
  const password = values.get('password');
  if ((login === undefined) !== (password === undefined)) return { ok: false, error: '--login and --password go together' };
  const pushDelayMs = number('push-delay');
  const syncIntervalMs = number('sync-interval');
  if (pushDelayMs === null) return { ok: false, error: '--push-delay must be a non-negative integer' };
  if (syncIntervalMs === null) return { ok: false, error: '--sync-interval must be a non-negative integer' };
  return {
    ok: true,
    args: {
      port, apiUrl, dataDir,
      ...(login !== undefined && password !== undefined ? { login: { login, password } } : {}),
      ...(pushDelayMs !== undefined ? { pushDelayMs } : {}),
      ...(syncIntervalMs !== undefined ? { syncIntervalMs } : {}),
    },
  };
}
