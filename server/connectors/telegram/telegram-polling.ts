// Long polling (getUpdates) for a ЦУР whose central API Telegram cannot reach: a bot with `"mode": "polling"` and a
// botToken is asked `{apiUrl}/bot{token}/getUpdates?offset=…&timeout=…` in a loop, and each update goes through the
// same ingest as a webhook's. The offset (which is what tells Telegram an update is confirmed) moves past an update only
// after it is stored: a crash or a store failure re-reads it, and the store's idempotency absorbs the repeat.
//
// Failures back off (1 s doubling to 60 s; a 429 waits its `retry_after`), and are logged once per streak with the
// reason: 401/404 (the token is refused), 409 (a webhook is set: deleteWebhook first, or use the webhook). The token is
// never logged: it is in the request path, so every logged text has it replaced.
import type { TelegramBotConfig } from '../connectors-config.js';
import type { TelegramIngest } from './telegram-ingest.js';
import { TG_ALLOWED_UPDATES } from './telegram-update-schema.js';

export const TELEGRAM_API_URL = 'https://api.telegram.org';
/** Telegram holds a long poll up to this many seconds when nothing arrives. */
export const DEFAULT_POLL_TIMEOUT_S = 25;
export const DEFAULT_BACKOFF_MIN_MS = 1000;
export const DEFAULT_BACKOFF_MAX_MS = 60_000;

export interface TelegramPollerOptions {
  ingest: TelegramIngest;
  log: (line: string) => void;
  /** The Bot API base address; another one only in tests (a fake Bot API on loopback). */
  apiUrl?: string;
  timeoutS?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
}

interface BotApiAnswer {
  ok?: unknown;
  result?: unknown;
  error_code?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
}

/** Waits `ms`, or less when `signal` aborts. */
const pause = (ms: number, signal: AbortSignal): Promise<void> => new Promise((resolve) => {
  if (signal.aborted) {
    resolve();
    return;
  }
  const timer = setTimeout(done, ms);
  function done() {
    clearTimeout(timer);
    signal.removeEventListener('abort', done);
    resolve();
  }
  signal.addEventListener('abort', done, { once: true });
});

export function startTelegramPoller(page: TelegramBotConfig, opts: TelegramPollerOptions) {
  const token = page.botToken;
  if (token === undefined) throw new Error(`telegram ${page.bot}: polling needs a botToken`);
  const apiUrl = (opts.apiUrl ?? TELEGRAM_API_URL).replace(/\/+$/, '');
  const timeoutS = opts.timeoutS ?? DEFAULT_POLL_TIMEOUT_S;
  const backoffMin = opts.backoffMinMs ?? DEFAULT_BACKOFF_MIN_MS;
  const backoffMax = opts.backoffMaxMs ?? DEFAULT_BACKOFF_MAX_MS;
  const redact = (text: string) => text.split(token).join('<botToken>');
  const log = (line: string) => opts.log(redact(`telegram ${page.bot}: polling: ${line}`));
  const stopping = new AbortController();
  let offset: number | undefined;
  let failures = 0;

  /** After a failure: the wait before the next request, doubling per failure in a row. */
  const backoff = async (reason: string, atLeastMs = 0) => {
    failures += 1;
    const waitMs = Math.max(atLeastMs, Math.min(backoffMax, backoffMin * 2 ** (failures - 1)));
    log(`${reason}; next try in ${Math.round(waitMs / 100) / 10} s (failure ${failures} in a row)`);
    await pause(waitMs, stopping.signal);
  };

  async function pollOnce(): Promise<void> {
    const query = new URLSearchParams({ timeout: String(timeoutS), allowed_updates: JSON.stringify(TG_ALLOWED_UPDATES) });
    if (offset !== undefined) query.set('offset', String(offset));
    let res: Response;
    let answer: BotApiAnswer;
    try {
      res = await fetch(`${apiUrl}/bot${token}/getUpdates?${query.toString()}`, {
        signal: AbortSignal.any([stopping.signal, AbortSignal.timeout((timeoutS + 15) * 1000)]),
      });
      const body = await res.text();
      try {
        answer = (JSON.parse(body) ?? {}) as BotApiAnswer;
      } catch {
        // A proxy's error page, or the like: judged by its status below.
        answer = {};
      }
    } catch (err) {
      if (stopping.signal.aborted) return;
      const cause = (err as { cause?: { code?: unknown } }).cause?.code;
      await backoff(`getUpdates failed: ${(err as Error).name === 'TimeoutError' ? 'no answer in time' : (err as Error).message}${typeof cause === 'string' ? ` (${cause})` : ''}`);
      return;
    }
    if (!res.ok || answer.ok !== true || !Array.isArray(answer.result)) {
      const code = typeof answer.error_code === 'number' ? answer.error_code : res.status;
      const said = typeof answer.description === 'string' ? `: ${answer.description.slice(0, 200)}` : '';
      const retryAfter = typeof answer.parameters?.retry_after === 'number' ? answer.parameters.retry_after : undefined;
      const hint = code === 401 || code === 404 ? ' (the bot token is refused: check botToken)'
        : code === 409 ? ' (a webhook is set for this bot: deleteWebhook, or serve the webhook instead)' : '';
      await backoff(`getUpdates answered ${code}${said}${hint}`, code === 429 && retryAfter !== undefined ? retryAfter * 1000 : 0);
      return;
    }
    if (failures > 0) log(`getUpdates answers again after ${failures} failure(s)`);
    failures = 0;
    const offsetBefore = offset;
    let unreadable = false;
    for (const update of answer.result as unknown[]) {
      const raw = (update as { update_id?: unknown } | null)?.update_id;
      const updateId = typeof raw === 'number' && Number.isSafeInteger(raw) ? raw : undefined;
      try {
        await opts.ingest.ingest(page, update);
      } catch (err) {
        if ((err as { status?: unknown }).status !== 400) {
          // Not stored (the database is down, …): the offset stays, the same updates come again after the wait.
          await backoff(`update ${String(updateId)} not stored: ${(err as Error).message}`);
          return;
        }
        // Off the schema: Telegram would hand it over forever; logged and passed (the webhook answers it 400).
        log(`update ${updateId ?? '(no update_id)'} skipped: ${(err as Error).message}`);
      }
      // One without a readable id (not even an object) is the update at the offset asked for, or a later one: moving
      // one past the offset skips it, or comes closer to it, and never past an update not yet handed over. Before any
      // offset is known, a later update in the batch moves the offset past it.
      // (An id at or below the last one stored is a batch handed over again: the offset stays.)
      if (updateId !== undefined) {
        if (updateId >= 0 && (offset === undefined || updateId >= offset)) offset = updateId + 1;
      } else {
        unreadable = true;
        if (offset !== undefined) offset += 1;
      }
      if (stopping.signal.aborted) return;
    }
    // Only unreadable updates, before any offset is known: wait rather than ask for the same batch at once, forever.
    if (unreadable && offset === offsetBefore) await backoff('no update in the batch could be confirmed');
  }

  const loop = (async () => {
    log(`started against ${apiUrl === TELEGRAM_API_URL ? 'api.telegram.org' : apiUrl}`);
    while (!stopping.signal.aborted) {
      try {
        await pollOnce();
      } catch (err) {
        // Nothing above should throw; if it does, the loop must go on (with a wait), not die silently.
        await backoff(`unexpected: ${(err as Error).message}`);
      }
    }
    log('stopped');
  })();

  return {
    /** The next offset asked for: one past the last update stored (undefined before the first). */
    get offset() {
      return offset;
    },
    /** Ends the loop: aborts the poll in flight, waits for an update being stored to finish. */
    async stop(): Promise<void> {
      stopping.abort();
      await loop;
    },
  };
}

export type TelegramPoller = ReturnType<typeof startTelegramPoller>;
