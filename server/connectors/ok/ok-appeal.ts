// An Odnoklassniki group message as an appeal, pure: its stable id, the author and their profile link, the attachments
// (photos from OK's own image hosts as photos, everything else as links), and the citizen's text as sent (made
// storable and cut with a mark like VK's). No I/O: the webhook route stores.
import { createHash } from 'node:crypto';
import type { Appeal, Attachment } from '../../../shared/domain/appeal.js';
import { isPhotoHost } from '../../../shared/domain/photo-hosts.js';
import { storableName } from '../telegram/telegram-appeal.js';
import { storableText } from '../vk/vk-appeal.js';
import { bareId, type OkAttachment, type OkMessageCreated } from './ok-webhook-schema.js';

export interface OkGroupChannel {
  groupId: string;
  channel: { name: string; url: string };
}

const MAX_ID = 100;

/**
 * One message = one appeal, however often OK retries: the id is OK's own id of the chat and the message. Ids are short
 * in practice (`ok:70000001234567:C3ecb9d02a600:C3ecb9d02a600.15cea67d78d2059`); one over the appeal id limit is
 * hashed, never refused (OK would retry a refusal for hours and the message be lost).
 */
export function okAppealId(groupId: string, chatId: string, mid: string): string {
  const id = `ok:${groupId}:${bareId(chatId)}:${bareId(mid)}`;
  if (id.length <= MAX_ID) return id;
  return `ok:${groupId}:h:${createHash('sha256').update(`${chatId}\n${mid}`).digest('base64url')}`;
}

/** The key under which the event is recorded once: OK sends no event id, the message id is the event. */
export const okEventKey = (groupId: string, mid: string): string => `ok:${groupId}:mid:${bareId(mid)}`;

/** `user:574112000001` → its number, or undefined when OK sent something else. */
const numericUserId = (userId: string): string | undefined => {
  const bare = bareId(userId);
  return /^\d{1,20}$/.test(bare) ? bare : undefined;
};

/** The author's name when OK does not send one (the documented webhook examples have none). */
export const placeholderName = (userId: string): string => `Пользователь ОК id${bareId(userId)}`;

export function authorOf(sender: OkMessageCreated['sender']): Appeal['author'] {
  const name = sender.name?.trim() || placeholderName(sender.user_id);
  const id = numericUserId(sender.user_id);
  return { name: storableName(name), ...(id !== undefined ? { url: `https://ok.ru/profile/${id}` } : {}) };
}

const MAX_URL = 2048;
const MAX_ATTACHMENTS = 100;

const webUrl = (text: string | undefined): URL | undefined => {
  if (text === undefined || text.length > MAX_URL || !/^https?:\/\//i.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
};

/**
 * IMAGE on https at one of OK's image hosts (*.mycdn.me, *.okcdn.ru: the only ones the desk loads images from) is a
 * photo; an image elsewhere, a VIDEO, AUDIO, SHARE or FILE is a link (a VIDEO a video), as sent. No URL: not carried.
 */
export function attachmentsOf(items: readonly OkAttachment[] | undefined): Attachment[] {
  const out: Attachment[] = [];
  for (const item of items ?? []) {
    const raw = item.payload?.url;
    const url = webUrl(raw);
    if (url === undefined || raw === undefined) continue;
    const type = item.type.toUpperCase();
    const kind = type === 'IMAGE' && url.protocol === 'https:' && isPhotoHost(url.hostname) ? 'photo'
      : type === 'VIDEO' ? 'video' : 'link';
    out.push({ kind, url: raw });
    if (out.length >= MAX_ATTACHMENTS) break;
  }
  return out;
}

/** A MESSAGE_CREATED notification as a new appeal (version 1). */
export function messageAppeal(group: OkGroupChannel, event: OkMessageCreated): Appeal {
  return {
    id: okAppealId(group.groupId, event.recipient.chat_id, event.message.mid),
    source: 'ok',
    channel: group.channel,
    author: authorOf(event.sender),
    text: storableText(event.message.text ?? ''),
    attachments: attachmentsOf(event.message.attachments),
    receivedAt: new Date(event.timestamp).toISOString(),
    status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null, routedAt: null,
  };
}
