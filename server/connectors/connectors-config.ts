// The connectors file (`npm run server -- … --connectors FILE`, issue 14 item 1): which platform pages feed the central
// API, with their secrets. Read once at start; any problem stops the start with one line naming the file and the key
// path («connectors.json: vk[0].secret: …»), never a silent fallback.
//
// Secrets are given inline or as `{"env": "NAME"}`, read from the server's environment (a missing or empty variable is
// a start error). Because the file may hold secrets inline, it must not be readable by other users of the machine: a
// world-readable file holding inline secrets is refused (like ssh refuses a readable key); a group-readable one is
// started with a warning (a service group reading a root-owned 0640 file is a normal deployment).
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { allowEntryProblem } from './ok/ok-address-allowlist.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A secret inline, or the name of the environment variable that holds it. */
const SecretSource = z.union([
  z.string().min(1).max(1000),
  z.strictObject({ env: z.string().regex(ENV_NAME, 'an environment variable name (letters, digits, _)') }),
], { error: (issue) => (issue.input === undefined ? 'missing: give the secret, or {"env": "NAME"}' : 'expected the secret as a string, or {"env": "NAME"}') });
type SecretSource = z.infer<typeof SecretSource>;

const Channel = z.strictObject({
  name: z.string().min(1).max(500),
  url: z.url({ protocol: /^https?$/ }).max(2048),
});

const VkPage = z.strictObject({
  /** The community's numeric id (positive, as in the settings; its wall is owner -groupId). */
  groupId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  /** «Секретный ключ» of the Callback API server: every event carries it. */
  secret: SecretSource,
  /** «Строка, которую должен вернуть сервер»: the answer to the `confirmation` event. */
  confirmation: SecretSource,
  /** A community access token: author names are resolved through users.get when it is given. */
  accessToken: SecretSource.optional(),
  channel: Channel,
});

const TelegramBot = z.strictObject({
  bot: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{4,31}$/, 'a bot username (5–32 letters, digits, _)'),
  /** The `secret_token` given to setWebhook: Telegram sends it in every webhook request. Not needed for polling. */
  secretToken: SecretSource.optional(),
  botToken: SecretSource.optional(),
  /** `webhook` (default): Telegram posts to the API; `polling`: the API asks getUpdates itself (needs botToken). */
  mode: z.enum(['webhook', 'polling']).default('webhook'),
  channel: Channel,
}).superRefine((b, ctx) => {
  if (b.mode === 'webhook' && b.secretToken === undefined) {
    ctx.addIssue({ code: 'custom', path: ['secretToken'], message: 'missing: give the secret, or {"env": "NAME"} (or "mode": "polling" with a botToken)' });
  }
  if (b.mode === 'polling' && b.botToken === undefined) {
    ctx.addIssue({ code: 'custom', path: ['botToken'], message: 'missing: "mode": "polling" asks getUpdates with the bot token' });
  }
});

const OkGroup = z.strictObject({
  groupId: z.string().regex(/^\d{1,20}$/, 'the group number as a string of digits'),
  pathSecret: SecretSource,
  /** Optional: the only source addresses (IPs or CIDR ranges) a webhook is taken from; see ok/ok-address-allowlist.ts. */
  allowFrom: z.array(z.string().max(100).superRefine((entry, ctx) => {
    const problem = allowEntryProblem(entry);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  })).min(1, 'list at least one address, or leave allowFrom out').max(1000).optional(),
  channel: Channel,
});

const unique = <T>(items: readonly T[], keyOf: (item: T) => string | number, key: string, ctx: z.RefinementCtx, section: string) => {
  const seen = new Set<string | number>();
  items.forEach((item, i) => {
    const k = keyOf(item);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [section, i, key], message: `${String(k)} is listed twice` });
    seen.add(k);
  });
};

export const ConnectorsFile = z.strictObject({
  vk: z.array(VkPage).default([]),
  telegram: z.array(TelegramBot).default([]),
  ok: z.array(OkGroup).default([]),
}).superRefine((file, ctx) => {
  unique(file.vk, (p) => p.groupId, 'groupId', ctx, 'vk');
  unique(file.telegram, (b) => b.bot.toLowerCase(), 'bot', ctx, 'telegram');
  unique(file.ok, (g) => g.groupId, 'groupId', ctx, 'ok');
});
type ConnectorsFile = z.infer<typeof ConnectorsFile>;

export interface VkPageConfig {
  groupId: number;
  secret: string;
  confirmation: string;
  accessToken?: string;
  channel: { name: string; url: string };
}

export interface TelegramBotConfig {
  bot: string;
  /** Absent only in polling mode: the webhook address then refuses every request. */
  secretToken?: string;
  botToken?: string;
  mode: 'webhook' | 'polling';
  channel: { name: string; url: string };
}

/** The configuration with every secret resolved. */
export interface ConnectorsConfig {
  file: string;
  vk: VkPageConfig[];
  telegram: TelegramBotConfig[];
  ok: OkGroupConfig[];
}

export interface OkGroupConfig {
  groupId: string;
  /** The secret last part of the webhook address /api/v1/connectors/ok/{groupId}/{pathSecret}. */
  pathSecret: string;
  allowFrom?: string[];
  channel: { name: string; url: string };
}

export class ConnectorsConfigError extends Error {}

type Path = readonly PropertyKey[];
const describePath = (path: Path): string =>
  path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('') || '(file)';

function fail(file: string, path: Path, message: string): never {
  throw new ConnectorsConfigError(`${file}: ${describePath(path)}: ${message}`);
}

const hasInlineSecret = (parsed: ConnectorsFile): boolean =>
  [...parsed.vk.flatMap((p) => [p.secret, p.accessToken]), ...parsed.telegram.flatMap((b) => [b.secretToken, b.botToken]),
    ...parsed.ok.map((g) => g.pathSecret)].some((s) => typeof s === 'string');

export interface LoadOptions {
  /** Where `{"env": …}` secrets are read; process.env by default. */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** File modes mean nothing on Windows (ACLs do); default: process.platform. */
  platform?: NodeJS.Platform;
}

/** Reads, validates and resolves the connectors file; throws ConnectorsConfigError with file and key path. */
export function loadConnectorsConfig(file: string, opts: LoadOptions = {}): ConnectorsConfig {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => {});
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConnectorsConfigError(`${file}: cannot read: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    // Where, never what: Node's message quotes the text around the mistake, which may be an inline secret.
    throw new ConnectorsConfigError(`${file}: not valid JSON${jsonErrorPosition(text, err)}`);
  }
  const checked = ConnectorsFile.safeParse(raw);
  if (!checked.success) {
    // One problem, named exactly; the rest usually follow from the same mistake. A key not known goes first: a
    // misspelt «chanel» also makes «channel» missing, and the missing one alone does not show the typo.
    const issue = checked.error.issues.find((i) => i.code === 'unrecognized_keys') ?? checked.error.issues[0];
    const more = checked.error.issues.length > 1 ? ` (and ${checked.error.issues.length - 1} more)` : '';
    fail(file, issue?.path ?? [], `${issue?.message ?? 'invalid'}${more}`);
  }
  const parsed = checked.data;

  if ((opts.platform ?? process.platform) !== 'win32') {
    const mode = statSync(file).mode & 0o777;
    const octal = `0${mode.toString(8)}`;
    if (hasInlineSecret(parsed) && (mode & 0o004) !== 0) {
      throw new ConnectorsConfigError(`${file}: readable by every user of this machine (mode ${octal}) and holds secrets `
        + 'inline: chmod 600 it (or 640 for a service group), or move the secrets to environment variables ({"env": "NAME"})');
    }
    if (hasInlineSecret(parsed) && (mode & 0o040) !== 0) {
      log(`connectors: warning: ${file} is readable by its group (mode ${octal}) and holds secrets inline`);
    }
  }

  const resolve = (source: SecretSource, path: Path): string => {
    if (typeof source === 'string') return source;
    const value = env[source.env];
    if (value === undefined || value === '') fail(file, path, `environment variable ${source.env} is not set`);
    return value;
  };
  return {
    file,
    vk: parsed.vk.map((p, i) => ({
      groupId: p.groupId,
      secret: resolve(p.secret, ['vk', i, 'secret']),
      confirmation: resolve(p.confirmation, ['vk', i, 'confirmation']),
      ...(p.accessToken !== undefined ? { accessToken: resolve(p.accessToken, ['vk', i, 'accessToken']) } : {}),
      channel: p.channel,
    })),
    telegram: parsed.telegram.map((b, i) => {
      const secretToken = b.secretToken === undefined ? undefined : resolve(b.secretToken, ['telegram', i, 'secretToken']);
      // setWebhook's own rule for secret_token: refused here, not by Telegram at setup after the API has started.
      if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
        fail(file, ['telegram', i, 'secretToken'], '1–256 characters, only A-Z a-z 0-9 _ - (Telegram\'s rule for setWebhook\'s secret_token)');
      }
      return {
        bot: b.bot,
        ...(secretToken !== undefined ? { secretToken } : {}),
        ...(b.botToken !== undefined ? { botToken: resolve(b.botToken, ['telegram', i, 'botToken']) } : {}),
        mode: b.mode,
        channel: b.channel,
      };
    }),
    ok: parsed.ok.map((g, i) => {
      const pathSecret = resolve(g.pathSecret, ['ok', i, 'pathSecret']);
      // It is one segment of the webhook address OK is given: characters a URL carries as they are, nothing to escape.
      if (!/^[A-Za-z0-9._~-]+$/.test(pathSecret)) fail(file, ['ok', i, 'pathSecret'], 'only letters, digits and . _ ~ - (it is part of the webhook address)');
      if (pathSecret.length < 16) log(`connectors: warning: ${file}: ok[${i}].pathSecret is shorter than 16 characters: it is the only proof a webhook comes from OK`);
      return { groupId: g.groupId, pathSecret, ...(g.allowFrom !== undefined ? { allowFrom: g.allowFrom } : {}), channel: g.channel };
    }),
  };
}

/** « at line L, column C» of a JSON.parse error, from its position only (never the quoted source text). */
function jsonErrorPosition(text: string, err: unknown): string {
  const at = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1];
  if (at === undefined) return '';
  const before = text.slice(0, Number(at));
  const line = before.split('\n').length;
  return ` at line ${line}, column ${Number(at) - before.lastIndexOf('\n')}`;
}
