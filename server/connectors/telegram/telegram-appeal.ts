// Telegram messages as appeals, pure: what a message is (a comment under a channel post, a private message to the bot,
// the automatic forward of the post itself, or something that is not an appeal), the appeal's stable id, the link to the
// original, the author, and the text as sent. No I/O: the ingest resolves the thread a reply belongs to and stores.
//
// Photos and files: the Bot API gives only a file_id, and the one URL to the file
// (https://api.telegram.org/file/bot<token>/<path>) carries the bot token, so no stored URL ever points at the file
// itself. A photo (its largest size) or a file is marked in the text instead («[фото 1280×960]», «[документ: a.pdf]»),
// and the appeal's link opens the message on t.me, where the operator sees it.
import type { Appeal } from '../../../shared/domain/appeal.js';
import { storableText } from '../vk/vk-appeal.js';
import type { TgChat, TgMessage, TgRepliedMessage } from './telegram-update-schema.js';

/** The author name limit of the appeal model. */
const MAX_NAME = 500;

/**
 * An author name as the platform sent it, made storable as citizen text is (storableText: a lone UTF-16 surrogate
 * becomes U+FFFD) and cut to the model's limit without splitting a surrogate pair. Shared with the OK connector.
 */
export function storableName(name: string): string {
  const cut = name.length > MAX_NAME && /[\uD800-\uDBFF]/.test(name.charAt(MAX_NAME - 1)) ? MAX_NAME - 1 : MAX_NAME;
  return storableText(name.slice(0, cut));
}

/** One message = one appeal, whatever Telegram's update ids: the id is the chat's and the message's own. */
export const telegramAppealId = (bot: string, chatId: number, messageId: number): string => `tg:${bot}:${chatId}:${messageId}`;

/** The channel post a discussion thread hangs under, as far as it is known. */
export interface ThreadInfo {
  /** The channel's public username, when it has one. */
  channelUsername?: string;
  channelId?: number;
  /** The post's id in the channel. */
  postId?: number;
  /** The automatic forward's id in the discussion group (the thread's root there). */
  rootId?: number;
}

/** The Telegram service account that posts automatic forwards and channel messages in discussion groups. */
export const TELEGRAM_SERVICE_USER_ID = 777000;

const USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,31}$/;
const usernameOrUndefined = (name: string | undefined): string | undefined =>
  name !== undefined && USERNAME.test(name) ? name : undefined;

/** The public username in a configured channel URL (https://t.me/minzdrav_nso), none for invite or private links. */
export function channelUsernameOfUrl(url: string): string | undefined {
  const match = /^https?:\/\/(?:t\.me|telegram\.me)\/([^/?#]+)\/?(?:[?#].*)?$/i.exec(url);
  const name = match?.[1];
  return name === undefined || ['c', 's', 'joinchat', 'addlist'].includes(name.toLowerCase()) ? undefined : usernameOrUndefined(name);
}

/** The channel post an automatic forward stands for: from forward_origin, the older forward_from_* fields, sender_chat. */
export function threadOfForward(forward: TgRepliedMessage): ThreadInfo {
  const origin = forward.forward_origin;
  const channel = (origin?.type === 'channel' ? origin.chat : undefined) ?? forward.forward_from_chat ?? forward.sender_chat;
  const postId = (origin?.type === 'channel' ? origin.message_id : undefined) ?? forward.forward_from_message_id;
  const username = usernameOrUndefined(channel?.username);
  return {
    ...(username !== undefined ? { channelUsername: username } : {}),
    ...(channel !== undefined ? { channelId: channel.id } : {}),
    ...(postId !== undefined ? { postId } : {}),
    rootId: forward.message_id,
  };
}

/** The thread a stored comment appeal was linked to, read back from its link (a reply to it is in the same thread). */
export function threadOfStoredAppeal(appeal: Appeal): ThreadInfo {
  const url = appeal.attachments[0]?.url ?? '';
  const channelLink = /^https:\/\/t\.me\/([A-Za-z0-9_]+)\/(\d+)\?comment=\d+$/.exec(url);
  if (channelLink) return { channelUsername: channelLink[1] ?? '', postId: Number(channelLink[2]) };
  const thread = /[?&]thread=(\d+)$/.exec(url)?.[1];
  return thread !== undefined ? { rootId: Number(thread) } : {};
}

/**
 * The comment on t.me: under the channel post when the channel is public (`?comment=`), else the message in a public
 * discussion group, else the private group's link (t.me/c/…, opens for its members: the ЦУР's operators are).
 * Only the post's own channel names it: a forward without a username is of a private channel, whose post is not at
 * the configured channel's address.
 */
export function commentUrl(chat: TgChat, messageId: number, thread: ThreadInfo): string | undefined {
  const channel = thread.channelUsername;
  if (channel !== undefined && thread.postId !== undefined) return `https://t.me/${channel}/${thread.postId}?comment=${messageId}`;
  const group = usernameOrUndefined(chat.username);
  if (group !== undefined) return `https://t.me/${group}/${messageId}`;
  const internal = /^-100(\d+)$/.exec(String(chat.id))?.[1];
  if (internal === undefined) return undefined;
  return `https://t.me/c/${internal}/${messageId}${thread.rootId !== undefined ? `?thread=${thread.rootId}` : ''}`;
}

/**
 * True when the thread is known to hang under a channel other than the configured public one: a forward names its
 * channel (a public one always with its username), so a known channel without that username is another's. Nothing
 * can be told when the configured channel has no username (an invite link) or the thread's channel is not known.
 */
function isOtherChannel(thread: ThreadInfo | undefined, configured: string | undefined): boolean {
  if (configured === undefined || thread === undefined) return false;
  if (thread.channelUsername !== undefined) return thread.channelUsername.toLowerCase() !== configured.toLowerCase();
  return thread.channelId !== undefined;
}

/** What a message is for the desk. */
export type Verdict =
  | { kind: 'forward'; thread: ThreadInfo }
  | { kind: 'skip'; outcome: string }
  | { kind: 'appeal'; author: Appeal['author']; content: string };

export interface BotChannel {
  bot: string;
  channel: { name: string; url: string };
}

/** Text, or a caption, and a mark for each thing the desk cannot show itself; undefined when there is nothing to read. */
export function contentOf(message: TgMessage): string | undefined {
  const body = message.text ?? message.caption ?? '';
  const marks: string[] = [];
  if (message.photo !== undefined && message.photo.length > 0) {
    const largest = message.photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    marks.push(`[фото ${largest.width}×${largest.height}]`);
  }
  if (message.video) marks.push('[видео]');
  if (message.animation) marks.push('[GIF-анимация]');
  // An animation also comes as a document (Telegram's backward compatibility): one mark.
  else if (message.document) marks.push(message.document.file_name ? `[документ: ${message.document.file_name.slice(0, 200)}]` : '[документ]');
  if (message.audio) marks.push('[аудио]');
  if (message.voice) marks.push('[голосовое сообщение]');
  if (message.video_note) marks.push('[видеосообщение]');
  if (message.location) marks.push(`[геопозиция: ${message.location.latitude}, ${message.location.longitude}]`);
  if (message.poll) marks.push(`[опрос: ${message.poll.question.slice(0, 300)}]`);
  if (message.contact) marks.push(`[контакт: ${message.contact.first_name.slice(0, 100)} ${message.contact.phone_number}]`);
  if (body.trim() === '' && marks.length === 0) return undefined;
  return [body, marks.join(' ')].filter((part) => part !== '').join('\n\n');
}

const personName = (first: string, last: string | undefined): string => `${first} ${last ?? ''}`.trim();

/**
 * What the message is, apart from the thread a group message belongs to (`thread`: resolved by the ingest; undefined
 * when the message is not known to be under a channel post). Order matters: the automatic forward is context before
 * anything else; then posts by the channel, the group or bots; then messages with nothing to read.
 */
export function verdictOf(message: TgMessage, page: BotChannel, thread: ThreadInfo | undefined): Verdict {
  const chat = message.chat;
  if (chat.type === 'channel') return { kind: 'skip', outcome: 'channel_post' };
  const configured = channelUsernameOfUrl(page.channel.url);
  if (message.is_automatic_forward === true) {
    const forwarded = threadOfForward(message);
    if (isOtherChannel(forwarded, configured)) return { kind: 'skip', outcome: 'other_channel' };
    return { kind: 'forward', thread: forwarded };
  }

  // A comment under another channel's post (the bot was added to some other discussion group): not this channel's.
  if (isOtherChannel(thread, configured)) return { kind: 'skip', outcome: 'other_channel' };

  const sender = message.sender_chat;
  let author: Appeal['author'] | undefined;
  if (sender !== undefined) {
    const senderName = usernameOrUndefined(sender.username);
    const isOwn = sender.id === chat.id || sender.id === thread?.channelId
      || (configured !== undefined && senderName?.toLowerCase() === configured.toLowerCase());
    if (isOwn) return { kind: 'skip', outcome: 'own_post' };
    // A citizen writing as their own channel: that channel is the author.
    author = {
      name: storableName(sender.title ?? (senderName !== undefined ? `@${senderName}` : `Канал Telegram ${sender.id}`)),
      ...(senderName !== undefined ? { url: `https://t.me/${senderName}` } : {}),
    };
  } else if (message.from !== undefined) {
    if (message.from.id === TELEGRAM_SERVICE_USER_ID) return { kind: 'skip', outcome: 'own_post' };
    if (message.from.is_bot) return { kind: 'skip', outcome: 'bot' };
    const username = usernameOrUndefined(message.from.username);
    author = {
      name: storableName(personName(message.from.first_name, message.from.last_name) || `Пользователь Telegram id${message.from.id}`),
      ...(username !== undefined ? { url: `https://t.me/${username}` } : {}),
    };
  } else {
    return { kind: 'skip', outcome: 'no_author' };
  }

  const content = contentOf(message);
  if (content === undefined) return { kind: 'skip', outcome: message.sticker ? 'sticker' : 'service' };
  if (chat.type !== 'private' && thread === undefined) return { kind: 'skip', outcome: 'not_a_comment' };
  return { kind: 'appeal', author, content };
}

/** The appeal a message makes when new (version 1); a private message has no public link (the author's link says whom to answer). */
export function telegramAppeal(page: BotChannel, message: TgMessage, verdict: Extract<Verdict, { kind: 'appeal' }>,
  thread: ThreadInfo | undefined): Appeal {
  const url = message.chat.type === 'private' ? undefined
    : commentUrl(message.chat, message.message_id, thread ?? {});
  return {
    id: telegramAppealId(page.bot, message.chat.id, message.message_id),
    source: 'telegram',
    channel: page.channel,
    author: verdict.author,
    text: storableText(verdict.content),
    attachments: url !== undefined ? [{ kind: 'link', url }] : [],
    receivedAt: new Date(message.date * 1000).toISOString(),
    status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null, routedAt: null,
  };
}

/**
 * An edit of a stored appeal: the new text as a new version (a desk deciding on the old one gets the usual conflict),
 * everything else kept; undefined when the text did not change (Telegram also sends edited_message for reactions and
 * other changes that leave the text as it was).
 */
export function editedTelegramAppeal(current: Appeal, content: string): Appeal | undefined {
  const text = storableText(content);
  return text === current.text ? undefined : { ...current, text, version: current.version + 1 };
}
