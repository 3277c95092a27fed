// The Telegram Bot API objects the connector reads, as zod schemas of the fields it uses. Shapes from Telegram's own
// documentation, core.telegram.org/bots/api: «Update», «Message», «Chat», «User», «PhotoSize», «MessageOrigin»
// (MessageOriginChannel …), «Document». Objects are loose: Telegram adds fields with every Bot API version, and unknown
// ones are ignored, not refused. Only what the connector needs is checked; a field it reads but Telegram sends in
// another type is a body off the schema (400, nothing stored).
import { z } from 'zod';

/** Telegram ids fit in 52 bits (its own note on Chat.id): a safe integer. */
const id = z.number().int().safe();
const text = z.string().max(1_000_000);

/** «User». */
export const TgUser = z.looseObject({
  id,
  is_bot: z.boolean(),
  first_name: z.string().max(1000),
  last_name: z.string().max(1000).optional(),
  username: z.string().max(100).optional(),
});
export type TgUser = z.infer<typeof TgUser>;

/** «Chat» (in a Message: id, type, and the names it has). */
export const TgChat = z.looseObject({
  id,
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
  title: z.string().max(1000).optional(),
  username: z.string().max(100).optional(),
  first_name: z.string().max(1000).optional(),
  last_name: z.string().max(1000).optional(),
});
export type TgChat = z.infer<typeof TgChat>;

/** «PhotoSize»: a file_id only; the file itself needs the bot token (getFile), so it is never turned into a URL here. */
export const TgPhotoSize = z.looseObject({
  file_id: z.string().max(1000),
  file_unique_id: z.string().max(1000),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
  file_size: z.number().int().nonnegative().optional(),
});

/** «MessageOrigin»: the channel form is what an automatic forward of a channel post carries. */
export const TgMessageOrigin = z.looseObject({
  type: z.string().max(100),
  date: id.optional(),
  chat: TgChat.optional(),
  message_id: id.optional(),
});

const FileRef = z.looseObject({ file_id: z.string().max(1000), file_name: z.string().max(1000).optional() });

const messageShape = {
  message_id: id,
  message_thread_id: id.optional(),
  from: TgUser.optional(),
  sender_chat: TgChat.optional(),
  date: id.nonnegative(),
  edit_date: id.nonnegative().optional(),
  chat: TgChat,
  forward_origin: TgMessageOrigin.optional(),
  /** Before Bot API 7.0 a forward named its channel and post with these; still read when present. */
  forward_from_chat: TgChat.optional(),
  forward_from_message_id: id.optional(),
  is_automatic_forward: z.boolean().optional(),
  is_topic_message: z.boolean().optional(),
  text: text.optional(),
  caption: text.optional(),
  photo: z.array(TgPhotoSize).max(100).optional(),
  document: FileRef.optional(),
  video: FileRef.optional(),
  animation: FileRef.optional(),
  audio: FileRef.optional(),
  voice: FileRef.optional(),
  video_note: z.looseObject({ file_id: z.string().max(1000) }).optional(),
  sticker: z.looseObject({ file_id: z.string().max(1000), emoji: z.string().max(100).optional() }).optional(),
  location: z.looseObject({ latitude: z.number(), longitude: z.number() }).optional(),
  poll: z.looseObject({ question: z.string().max(10_000) }).optional(),
  contact: z.looseObject({ phone_number: z.string().max(100), first_name: z.string().max(1000) }).optional(),
};

/** «Message» as it is replied to: Telegram never nests a further reply_to_message inside it. */
export const TgRepliedMessage = z.looseObject(messageShape);
export type TgRepliedMessage = z.infer<typeof TgRepliedMessage>;

/** «Message». */
export const TgMessage = z.looseObject({ ...messageShape, reply_to_message: TgRepliedMessage.optional() });
export type TgMessage = z.infer<typeof TgMessage>;

/**
 * «Update»: update_id and at most one of the optional fields. Only `message` and `edited_message` are read; every other
 * kind (channel_post, callback_query, my_chat_member, …) is answered and logged, not stored.
 */
export const TgUpdate = z.looseObject({
  update_id: id.nonnegative(),
  message: TgMessage.optional(),
  edited_message: TgMessage.optional(),
});
export type TgUpdate = z.infer<typeof TgUpdate>;

/** The update kinds the connector asks for (setWebhook / getUpdates `allowed_updates`). */
export const TG_ALLOWED_UPDATES = ['message', 'edited_message'] as const;

/** Which kind of update it is: the first field besides update_id (Telegram sends exactly one). */
export const updateKindOf = (raw: Record<string, unknown>): string =>
  Object.keys(raw).find((key) => key !== 'update_id') ?? '(empty)';
