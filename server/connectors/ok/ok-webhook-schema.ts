// The Odnoklassniki Bot API webhook notification, as a zod schema of the fields the connector reads. Shapes from OK's
// published documentation (github.com/apiok/documentation, shown at apiok.ru/dev/graph_api):
// - graph.user.subscribe (POST /graph/me/subscribe): the webhook examples, `sender.user_id` «user:…»,
//   `recipient.chat_id` «chat:…», `message.text` / `seq` / `mid` «mid:…», `message.attachments[]` of
//   `{type, payload: {url}}`, `timestamp` in milliseconds; the event types MESSAGE_CREATED, MESSAGE_CALLBACK,
//   CHAT_SYSTEM, which the notification names in `webhookType`;
// - graph.user.messages (GET /graph/me/messages): the same message object with `sender.name`, and the attachment
//   types IMAGE, VIDEO, AUDIO, SHARE (FILE is accepted too: a message can carry one, see graph.chat.messages).
// Objects are loose: OK adds fields over time, and unknown ones are ignored, not refused.
import { z } from 'zod';

/** An id as OK writes it, `user:123`, `chat:C3ecb9d02a600`, `mid:C3ecb9d02a600.15cea67d78d2059`; bounded. */
const prefixedId = (prefix: string) => z.string().min(prefix.length + 2).max(200)
  .refine((id) => id.startsWith(`${prefix}:`) && /^[A-Za-z0-9._-]+$/.test(id.slice(prefix.length + 1)),
    { message: `expected «${prefix}:…» (letters, digits, . _ -)` });

/** Every notification: its type, when OK sends it. The examples in OK's documentation have none: they are messages. */
export const OkWebhookBase = z.looseObject({
  webhookType: z.string().min(1).max(100).optional(),
});

export const OkAttachment = z.looseObject({
  type: z.string().min(1).max(100),
  payload: z.looseObject({ url: z.string().max(4096).optional() }).optional(),
});
export type OkAttachment = z.infer<typeof OkAttachment>;

/** `MESSAGE_CREATED`: a new message in one of the group's chats (never the group's own: OK does not send those). */
export const OkMessageCreated = z.looseObject({
  sender: z.looseObject({
    user_id: prefixedId('user'),
    name: z.string().max(1000).optional(),
  }),
  recipient: z.looseObject({ chat_id: prefixedId('chat') }),
  message: z.looseObject({
    mid: prefixedId('mid'),
    // A message of attachments only has no text.
    text: z.string().optional(),
    seq: z.number().optional(),
    attachments: z.array(OkAttachment).max(1000).optional(),
  }),
  /** Milliseconds since the epoch (up to the year 9999: the appeal's time is an ISO instant). */
  timestamp: z.number().int().nonnegative().max(253_402_300_799_999),
});
export type OkMessageCreated = z.infer<typeof OkMessageCreated>;

/** The one type stored; every other is answered 200 and logged (OK would otherwise retry it for 8 hours). */
export const OK_MESSAGE_CREATED = 'MESSAGE_CREATED';

/** The part of an OK id after its prefix: `chat:C3ecb9d02a600` → `C3ecb9d02a600`. */
export const bareId = (id: string): string => id.slice(id.indexOf(':') + 1);
