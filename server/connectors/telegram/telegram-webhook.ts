// Telegram webhook endpoint, POST /api/v1/connectors/telegram/{bot} (issue 14 item 3). One bot per configured entry.
// What Telegram is told:
// - an unknown bot → 404, before the body is read; not POST → 405;
// - `X-Telegram-Bot-Api-Secret-Token` missing or not the configured secretToken (compared in constant time) → 403,
//   before the body is read, nothing stored (a bot in polling mode has no secret: every webhook request is refused);
// - a body over TG_MAX_BODY_BYTES → 413; not JSON or off the Update schema → 400, nothing stored;
// - every accepted update, a repeat of one already taken, and a kind not taken (logged) → 200 `ok` at once: the store
//   is the only work done, so Telegram never waits on anything else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readJsonBody } from '../../http-io.js';
import { sameSecret, sendPlainText } from '../connector-http.js';
import type { TelegramBotConfig } from '../connectors-config.js';
import type { TelegramIngest } from './telegram-ingest.js';

/** An update is a few KB (a message is at most 4096 characters); 1 MB is far above any real one. */
export const TG_MAX_BODY_BYTES = 1024 * 1024;
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

export function telegramWebhookHandler(bots: readonly TelegramBotConfig[], deps: { ingest: TelegramIngest; log: (line: string) => void }) {
  // Bot usernames are case-insensitive in Telegram; the configured spelling names the appeals.
  const byName = new Map(bots.map((b) => [b.bot.toLowerCase(), b]));

  return async (req: IncomingMessage, res: ServerResponse, botText: string): Promise<void> => {
    const page = byName.get(botText.toLowerCase());
    if (!page) throw new HttpError(404, 'unknown_bot', 'Этот бот Telegram не подключён к центральному API');
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Метод не поддерживается для этого адреса', { allow: 'POST' });
    const given = req.headers[SECRET_HEADER];
    if (page.secretToken === undefined || typeof given !== 'string' || !sameSecret(given, page.secretToken)) {
      deps.log(`telegram ${page.bot}: webhook refused: ${page.secretToken === undefined ? 'the bot is in polling mode' : 'wrong or missing secret token'}`);
      throw new HttpError(403, 'bad_secret', 'Неверный секретный токен вебхука Telegram');
    }
    const raw = await readJsonBody(req, TG_MAX_BODY_BYTES);
    await deps.ingest.ingest(page, raw);
    sendPlainText(res, 'ok');
  };
}
