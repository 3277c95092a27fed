// The VK Callback API events the connector takes, as zod schemas of the fields it reads. Shapes from VK's published JSON
// schema, github.com/VKCOM/vk-api-schema (API 5.199): callback/objects.json (callback_base, callback_message_new,
// callback_message_edit, callback_wall_comment_delete, callback_type), wall/objects.json (wall_wall_comment, whose
// callback form adds post_id and post_owner_id), messages/objects.json (messages_base_message: the 5.103+ message
// object), photos/objects.json (photos_photo, photos_photo_sizes), video/objects.json, docs/objects.json (docs_doc) and
// base/objects.json (base_link). Objects are loose: VK adds fields over time, and unknown ones are ignored, not refused.
import { z } from 'zod';
import { Identifier } from '../../../shared/domain/identifier.js';

const int = z.number().int().safe();

/**
 * Every callback: `callback_base`. event_id is absent only from `confirmation` (checked per type below). It keys the
 * event's once-only record, so it is held to an identifier's rules: two ids with different lone surrogates would both
 * be stored as U+FFFD, and the second event would be answered ok and dropped as a repeat.
 */
export const VkCallbackBase = z.looseObject({
  type: z.string().min(1).max(100),
  group_id: int.positive(),
  event_id: Identifier.optional(),
  v: z.string().max(20).optional(),
  secret: z.string().max(1000).optional(),
  object: z.unknown().optional(),
});
export type VkCallbackBase = z.infer<typeof VkCallbackBase>;

const PhotoSize = z.looseObject({
  type: z.string().optional(),
  url: z.string().optional(),
  /** Older objects name the address `src`. */
  src: z.string().optional(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
});

/** One entry of `attachments` (wall_comment_attachment / messages_message_attachment): only what becomes a link. */
export const VkAttachment = z.looseObject({
  type: z.string().min(1).max(100),
  photo: z.looseObject({
    id: int, owner_id: int,
    sizes: z.array(PhotoSize).max(100).optional(),
    orig_photo: PhotoSize.optional(),
  }).optional(),
  video: z.looseObject({ id: int, owner_id: int }).optional(),
  link: z.looseObject({ url: z.string() }).optional(),
  doc: z.looseObject({ id: int, owner_id: int, url: z.string().optional() }).optional(),
  wall: z.looseObject({ id: int, owner_id: int.optional(), to_id: int.optional(), from_id: int.optional() }).optional(),
});
export type VkAttachment = z.infer<typeof VkAttachment>;

const Attachments = z.array(VkAttachment).max(1000).optional();

/** `wall_reply_new` / `wall_reply_edit` / `wall_reply_restore`: a wall comment (wall_wall_comment) with the post it is under. */
export const VkWallComment = z.looseObject({
  id: int.positive(),
  from_id: int,
  post_id: int.positive(),
  owner_id: int.optional(),
  post_owner_id: int.optional(),
  date: int.nonnegative(),
  text: z.string(),
  attachments: Attachments,
  parents_stack: z.array(int).max(100).optional(),
  reply_to_comment: int.optional(),
  reply_to_user: int.optional(),
});
export type VkWallComment = z.infer<typeof VkWallComment>;

/** `wall_reply_delete`: callback_wall_comment_delete (VK also sends `deleter_id`). */
export const VkWallCommentDelete = z.looseObject({
  owner_id: int,
  id: int.positive(),
  post_id: int.positive(),
  user_id: int.optional(),
  deleter_id: int.optional(),
});
export type VkWallCommentDelete = z.infer<typeof VkWallCommentDelete>;

/** messages_base_message, the 5.103+ shape. */
export const VkMessage = z.looseObject({
  id: int.nonnegative(),
  date: int.nonnegative(),
  peer_id: int,
  from_id: int,
  text: z.string(),
  conversation_message_id: int.nonnegative(),
  out: z.union([z.literal(0), z.literal(1)]).optional(),
  update_time: int.optional(),
  attachments: Attachments,
});
export type VkMessage = z.infer<typeof VkMessage>;

/** `message_new` (5.103+): `callback_message_object`, the message under `object.message`. */
export const VkMessageNew = z.looseObject({ message: VkMessage });
/** `message_edit`: the message itself is the object. */
export const VkMessageEdit = VkMessage;

/** The events stored; every other type is answered `ok` and logged (VK would otherwise retry it). */
export const VK_EVENT_SCHEMAS = {
  wall_reply_new: VkWallComment,
  wall_reply_edit: VkWallComment,
  wall_reply_delete: VkWallCommentDelete,
  // A deleted comment put back (by its author, or by the community's managers): the whole comment again, as in
  // wall_reply_new (dev.vk.com/api/community-events/json-schema: wall_reply_restore → wall_comment + post_id).
  wall_reply_restore: VkWallComment,
  message_new: VkMessageNew,
  message_edit: VkMessageEdit,
} as const;
export type VkEventType = keyof typeof VK_EVENT_SCHEMAS;

export const isVkEventType = (type: string): type is VkEventType => Object.hasOwn(VK_EVENT_SCHEMAS, type);
