// One Telegram update into the store, the same way whether it came by webhook or by getUpdates: checked against the
// Update schema, classified (telegram-appeal.ts), and applied through store.applyConnectorEvent in one transaction.
// Idempotent twice over: the update is recorded once under `tg:{bot}:update:{update_id}` (Telegram's retries of one
// update change nothing), and the appeal's id is the chat's and the message's own (`tg:{bot}:{chat}:{message}`), so the
// same message under another update id is a known post, never a second appeal.
//
// Threads: a comment directly under a channel post replies to the post's automatic forward, which names the channel
// and the post. A reply to a comment names only the comment it answers; its post is found from the forward remembered
// (in memory, bounded) when it passed through, else from the stored appeal of the comment it answers (which survives a
// restart), else, in a discussion thread (message_thread_id: the root, i.e. the post's forward), as a comment in that
// thread whose post is not known: a reply to the ministry's own answer, to a sticker or to anything from before a
// restart is still the citizen's comment. Only a chat the bot saw another channel's forward in is refused that (it is
// another channel's discussion group). A group message in no thread and answering no stored appeal is not a comment:
// recorded (`not_a_comment`) and logged, not an appeal.
import type { Appeal } from '../../../shared/domain/appeal.js';
import { HttpError } from '../../http-io.js';
import type { CentralStore, ConnectorEventPlan } from '../../store/central-store.js';
import type { TelegramBotConfig } from '../connectors-config.js';
import {
  editedTelegramAppeal, telegramAppeal, telegramAppealId, threadOfForward, threadOfStoredAppeal, verdictOf,
  type ThreadInfo, type Verdict,
} from './telegram-appeal.js';
import { TgUpdate, updateKindOf, type TgMessage } from './telegram-update-schema.js';
import { describeIssues, RUSSIAN_ISSUES } from '../../../shared/text/issue-text.js';

export interface TelegramIngestDeps {
  store: CentralStore;
  log: (line: string) => void;
  /** After a commit that wrote an appeal: live desks pull (team mode). */
  onChanged: (head: number) => Promise<void> | void;
  now?: () => Date;
}

/** Threads remembered per bot; old ones fall out first (a reply then finds its post through the stored comment). */
const THREAD_MEMORY_LIMIT = 20_000;

/** Other channels' discussion groups remembered per server run. */
const FOREIGN_CHAT_LIMIT = 1000;

export const offSchema = (what: string) => new HttpError(400, 'invalid_request', `Обновление Telegram не по схеме: ${what}`);

export interface IngestResult {
  /** `duplicate_event`, `insert`, `update`, a record outcome (`known_post`, `own_post`, …), or `not_taken`. */
  outcome: string;
  appealId?: string;
}

export function createTelegramIngest(deps: TelegramIngestDeps) {
  const now = deps.now ?? (() => new Date());
  const threads = new Map<string, ThreadInfo>();
  /** Chats another channel's automatic forward was seen in (`bot:chat`): their threads are not this channel's. */
  const foreignChats = new Set<string>();

  const remember = (bot: string, chatId: number, messageId: number, thread: ThreadInfo) => {
    const key = `${bot}:${chatId}:${messageId}`;
    threads.delete(key);
    threads.set(key, thread);
    if (threads.size > THREAD_MEMORY_LIMIT) threads.delete(threads.keys().next().value as string);
  };
  const recall = (bot: string, chatId: number, messageId: number | undefined) =>
    messageId === undefined ? undefined : threads.get(`${bot}:${chatId}:${messageId}`);

  /** The channel post a group message is under, or undefined when it is under none that is known. */
  async function threadOf(bot: string, message: TgMessage): Promise<ThreadInfo | undefined> {
    const chatId = message.chat.id;
    const replied = message.reply_to_message;
    if (replied?.is_automatic_forward === true) {
      const thread = threadOfForward(replied);
      remember(bot, chatId, replied.message_id, thread);
      return thread;
    }
    const known = recall(bot, chatId, message.message_thread_id) ?? recall(bot, chatId, replied?.message_id);
    if (known !== undefined) return known;
    const parent = replied === undefined ? undefined
      : await deps.store.appealById(telegramAppealId(bot, chatId, replied.message_id));
    if (parent !== undefined) {
      const thread = threadOfStoredAppeal(parent.appeal);
      return thread.rootId === undefined && message.message_thread_id !== undefined ? { ...thread, rootId: message.message_thread_id } : thread;
    }
    // In a thread whose post is not known (forgotten at a restart or pushed out of memory, or never seen).
    if (message.message_thread_id !== undefined && message.chat.type === 'supergroup' && !foreignChats.has(`${bot}:${chatId}`)) {
      return { rootId: message.message_thread_id };
    }
    return undefined;
  }

  /** Takes one update (already JSON-parsed); throws HttpError 400 when it is off Telegram's schema, nothing stored. */
  async function ingest(page: TelegramBotConfig, raw: unknown): Promise<IngestResult> {
    const parsed = TgUpdate.safeParse(raw, RUSSIAN_ISSUES);
    if (!parsed.success) throw offSchema(describeIssues(parsed.error, '(тело)', 1));
    const update = parsed.data;
    const edited = update.message === undefined ? update.edited_message : undefined;
    const message = update.message ?? edited;
    const label = `telegram ${page.bot}: update ${update.update_id}`;
    if (message === undefined) {
      deps.log(`${label}: ${updateKindOf(raw as Record<string, unknown>).slice(0, 100)} not taken (answered): `
        + 'ask only for message and edited_message (allowed_updates)');
      return { outcome: 'not_taken' };
    }
    const type = edited !== undefined ? 'edited_message' : 'message';
    const appealId = telegramAppealId(page.bot, message.chat.id, message.message_id);

    // The thread is looked up before the transaction, so no lock is held meanwhile; the verdict is chosen inside it, on
    // the appeal as stored then (a message and its edit arriving together: the edit finds the message stored or not).
    const thread = message.chat.type === 'private' ? undefined : await threadOf(page.bot, message);
    const verdict: Verdict = verdictOf(message, page, thread);
    // The stored appeal was taken once: its edit is read for its text only.
    const editVerdict: Verdict = type === 'edited_message' ? verdictOf(message, page, thread ?? {}) : verdict;
    if (verdict.kind === 'forward') remember(page.bot, message.chat.id, message.message_id, verdict.thread);
    // Any message placed in a thread (the channel's own answers too): a reply to it lands in the same thread.
    else if (thread !== undefined) remember(page.bot, message.chat.id, message.message_id, thread);
    // Another channel's forward, or a comment under one: the chat is that channel's discussion group (bounded: a bot is
    // in a few groups, and a chat not marked only keeps the fallback thread above).
    if (verdict.kind === 'skip' && verdict.outcome === 'other_channel' && foreignChats.size < FOREIGN_CHAT_LIMIT) {
      foreignChats.add(`${page.bot}:${message.chat.id}`);
    }
    const draft = verdict.kind === 'appeal' ? telegramAppeal(page, message, verdict, thread) : undefined;

    const plan = (current: Appeal | undefined): ConnectorEventPlan => {
      if (verdict.kind === 'forward') return { kind: 'record', outcome: 'channel_post_forward' };
      if (current !== undefined) {
        if (type === 'message') return { kind: 'record', outcome: 'known_post' };
        if (editVerdict.kind === 'skip') return { kind: 'record', outcome: `edit_${editVerdict.outcome}` };
        if (editVerdict.kind !== 'appeal') return { kind: 'record', outcome: 'channel_post_forward' };
        const next = editedTelegramAppeal(current, editVerdict.content);
        return next ? { kind: 'update', appeal: next } : { kind: 'record', outcome: 'unchanged' };
      }
      if (verdict.kind === 'skip') return { kind: 'record', outcome: verdict.outcome };
      // An edit of a message never seen (its first update lost or refused) makes it an appeal, as a new one would.
      if (draft === undefined) throw new Error(`no appeal built for ${appealId}`);
      return { kind: 'insert', appeal: draft };
    };
    const result = await deps.store.applyConnectorEvent(
      { key: `tg:${page.bot}:update:${update.update_id}`, appealId, type, receivedAt: now().toISOString() }, plan);
    if (result.outcome !== 'duplicate_event') deps.log(`${label}: ${type}: ${result.outcome} ${appealId}`);
    // After the commit: desks told to pull must find the appeal there.
    if (result.written) await deps.onChanged(result.head);
    return { outcome: result.outcome, appealId };
  }

  return { ingest };
}

export type TelegramIngest = ReturnType<typeof createTelegramIngest>;
