// VK posts as appeals, pure: the stable appeal id of a comment or a private message, the links to the original and to
// the author, attachments as links, and the citizen's text as sent (only made storable, and cut with a mark when it is
// over the appeal text limit). No I/O: the route resolves author names and stores.
import { MAX_TEXT_LENGTH, type Appeal, type Attachment } from '../../../shared/domain/appeal.js';
import type { VkAttachment, VkMessage, VkWallComment } from './vk-callback-schema.js';

/** One post = one appeal, whatever VK's event ids: the id is VK's own id of the comment or message. */
export const wallCommentAppealId = (groupId: number, postId: number, commentId: number): string =>
  `vk:${groupId}:wall:${postId}:${commentId}`;
export const messageAppealId = (groupId: number, peerId: number, conversationMessageId: number): string =>
  `vk:${groupId}:msg:${peerId}:${conversationMessageId}`;

/** The comment on vk.com; a reply inside a thread opens that thread (`thread` = the top comment it hangs under). */
export function wallCommentUrl(groupId: number, comment: VkWallComment): string {
  const base = `https://vk.com/wall-${groupId}_${comment.post_id}?reply=${comment.id}`;
  const thread = threadRootOf(comment);
  return thread === undefined ? base : `${base}&thread=${thread}`;
}

/** The top-level comment a reply belongs to, undefined for a top-level comment. */
export function threadRootOf(comment: VkWallComment): number | undefined {
  const root = comment.parents_stack?.[0] ?? comment.reply_to_comment;
  return root !== undefined && root > 0 && root !== comment.id ? root : undefined;
}

/** The dialog in the community's messages (visible to its administrators). */
export const messageUrl = (groupId: number, message: VkMessage): string =>
  `https://vk.com/gim${groupId}?sel=${message.peer_id}${message.id > 0 ? `&msgid=${message.id}` : ''}`;

/** A person's profile, or a community's page for a negative id (a community writing as itself). */
export const authorUrl = (fromId: number): string =>
  fromId < 0 ? `https://vk.com/club${-fromId}` : `https://vk.com/id${fromId}`;

/** The author's name when it cannot be resolved (no access token, VK API down or slow). */
export const placeholderName = (fromId: number): string =>
  fromId < 0 ? `Сообщество VK club${-fromId}` : `Пользователь VK id${fromId}`;

const MAX_URL = 2048;
const MAX_ATTACHMENTS = 100;
const isWebUrl = (url: string): boolean => /^https?:\/\//i.test(url) && url.length <= MAX_URL;

/** The largest picture VK offers for a photo (by area; `orig_photo` when newer API versions send it). */
function largestPhotoUrl(photo: NonNullable<VkAttachment['photo']>): string | undefined {
  const sizes = [...(photo.sizes ?? []), ...(photo.orig_photo ? [photo.orig_photo] : [])];
  let best: { url: string; area: number } | undefined;
  for (const size of sizes) {
    const url = size.url ?? size.src;
    if (url === undefined || !isWebUrl(url)) continue;
    const area = size.width * size.height;
    if (best === undefined || area > best.area) best = { url, area };
  }
  return best?.url ?? `https://vk.com/photo${photo.owner_id}_${photo.id}`;
}

/** Photos (largest size), videos, links and documents; stickers, audio, polls and the like are not carried. */
export function attachmentsOf(items: readonly VkAttachment[] | undefined): Attachment[] {
  const out: Attachment[] = [];
  for (const item of items ?? []) {
    let attachment: Attachment | undefined;
    if (item.type === 'photo' && item.photo) {
      const url = largestPhotoUrl(item.photo);
      if (url) attachment = { kind: 'photo', url };
    } else if ((item.type === 'video' || item.type === 'clip') && item.video) {
      attachment = { kind: 'video', url: `https://vk.com/video${item.video.owner_id}_${item.video.id}` };
    } else if (item.type === 'link' && item.link && isWebUrl(item.link.url)) {
      attachment = { kind: 'link', url: item.link.url };
    } else if (item.type === 'doc' && item.doc) {
      // The model has no document kind: a document is a link to it (its own address when VK sends one).
      const url = item.doc.url !== undefined && isWebUrl(item.doc.url) ? item.doc.url : `https://vk.com/doc${item.doc.owner_id}_${item.doc.id}`;
      attachment = { kind: 'link', url };
    } else if (item.type === 'wall' && item.wall) {
      // A post shared into a private message.
      const owner = item.wall.owner_id ?? item.wall.to_id ?? item.wall.from_id;
      if (owner !== undefined) attachment = { kind: 'link', url: `https://vk.com/wall${owner}_${item.wall.id}` };
    }
    if (attachment) out.push(attachment);
    if (out.length >= MAX_ATTACHMENTS) break;
  }
  return out;
}

// A UTF-16 unit that is half of a pair with its other half missing.
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;

/**
 * The citizen's text as sent, hostile or not (the desk renders it inert), with two exceptions: a lone UTF-16 surrogate
 * (which no real client sends, and which SQLite would not keep faithfully) becomes U+FFFD, and text over the appeal
 * limit is cut, with a mark saying so, rather than refused: VK would retry a refusal forever and the appeal be lost.
 */
export function storableText(text: string): string {
  const clean = text.replace(LONE_SURROGATE, '\uFFFD');
  if (clean.length <= MAX_TEXT_LENGTH) return clean;
  const mark = (kept: number) => `\n\n[текст обрезан: показано ${kept} из ${clean.length} символов]`;
  let kept = MAX_TEXT_LENGTH - mark(MAX_TEXT_LENGTH).length;
  // Never cut a surrogate pair in half.
  if (/[\uD800-\uDBFF]/.test(clean.charAt(kept - 1))) kept -= 1;
  return clean.slice(0, kept) + mark(kept);
}

const isoOf = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString();

/** The author as the connector knows them: the name, and the place their profile names when VK gave one. */
export type VkAuthor = Pick<Appeal['author'], 'name' | 'place'>;

export interface PageChannel {
  groupId: number;
  channel: { name: string; url: string };
}

function newAppeal(id: string, page: PageChannel, author: VkAuthor, fromId: number, text: string,
  attachments: Attachment[], date: number): Appeal {
  return {
    id, source: 'vk', channel: page.channel,
    author: { name: author.name.slice(0, 500), url: authorUrl(fromId), ...(author.place ? { place: author.place } : {}) },
    text: storableText(text),
    attachments: attachments.slice(0, MAX_ATTACHMENTS),
    receivedAt: isoOf(date),
    status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null, routedAt: null,
  };
}

/**
 * A comment as a new appeal. The model has no field for the original post yet: its link (with the thread of a reply)
 * is the first attachment, so the desk shows it among the links and the operator can open it.
 */
export function wallCommentAppeal(page: PageChannel, comment: VkWallComment, author: VkAuthor): Appeal {
  return newAppeal(wallCommentAppealId(page.groupId, comment.post_id, comment.id), page, author, comment.from_id,
    comment.text, [{ kind: 'link', url: wallCommentUrl(page.groupId, comment) }, ...attachmentsOf(comment.attachments)],
    comment.date);
}

/** A private message to the community as a new appeal (the dialog's link first, as for comments). */
export function messageAppeal(page: PageChannel, message: VkMessage, author: VkAuthor): Appeal {
  return newAppeal(messageAppealId(page.groupId, message.peer_id, message.conversation_message_id), page, author,
    message.from_id, message.text, [{ kind: 'link', url: messageUrl(page.groupId, message) }, ...attachmentsOf(message.attachments)],
    message.date);
}

const sameAttachments = (a: readonly Attachment[], b: readonly Attachment[]): boolean =>
  a.length === b.length && a.every((x, i) => x.kind === b[i]?.kind && x.url === b[i]?.url);

/**
 * An edit of a stored appeal: the new text and attachments as a new version (a desk deciding on the old version gets
 * the usual conflict), its decision, author and time kept; undefined when nothing the desk shows changed.
 */
export function editedAppeal(current: Appeal, edited: Appeal): Appeal | undefined {
  if (current.text === edited.text && sameAttachments(current.attachments, edited.attachments)) return undefined;
  return { ...current, text: edited.text, attachments: edited.attachments, version: current.version + 1 };
}
