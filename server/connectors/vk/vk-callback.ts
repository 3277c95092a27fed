// VK Callback API endpoint, POST /api/v1/connectors/vk/{groupId} (issue 14 item 2). One community per configured
// page. What VK is told:
// - `confirmation` → the page's confirmation string (text/plain);
// - a wrong `secret` → 403 and nothing stored; an unknown group → 404 (before the body is read);
// - a body over VK_MAX_BODY_BYTES → 413 from Content-Length; not JSON or off VK's schema → 400, nothing stored;
// - wall_reply_new / message_new → a new appeal (once per comment or message, ever); wall_reply_edit / message_edit →
//   a new version of its text; wall_reply_delete by the comment's author → the appeal marked withdrawn by its author
//   (a new version: desks pull it, a desk deciding on the version before gets the usual conflict; a decision taken
//   before is kept, the mark shows over it); deleted by the community's own managers → recorded only (the citizen did
//   not take it back: it stays to be decided); of a comment never seen → recorded; wall_reply_restore → the mark
//   cleared (another version; an appeal rejected as «withdrawn» meanwhile is reopened, waiting again), or the comment
//   taken in as new when it was never seen;
// - any other type → logged and `ok`, so VK does not retry it forever;
// - every accepted event, including a repeat of one already taken → `ok`.
// Idempotency lives in the store (applyConnectorEvent): the event id is recorded once with what it did, in the same
// transaction, and the appeal id is VK's own id of the post.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { restoreAppeal, withdrawAppeal, type Appeal } from '../../../shared/domain/appeal.js';
import { HttpError, readJsonBody } from '../../http-io.js';
import { sameSecret, sendPlainText } from '../connector-http.js';
import type { CentralStore, ConnectorEventPlan } from '../../store/central-store.js';
import type { VkPageConfig } from '../connectors-config.js';
import {
  editedAppeal, messageAppeal, messageAppealId, wallCommentAppeal, wallCommentAppealId, type VkAuthor,
} from './vk-appeal.js';
import {
  isVkEventType, VK_EVENT_SCHEMAS, VkCallbackBase, type VkEventType, type VkMessage, type VkWallComment,
} from './vk-callback-schema.js';
import type { VkUserNames } from './vk-user-names.js';
import { describeIssues, RUSSIAN_ISSUES } from '../../../shared/text/issue-text.js';

/** Real events are a few KB; 1 MB holds a comment at VK's own length limit many times over, escaped. */
export const VK_MAX_BODY_BYTES = 1024 * 1024;

export interface VkCallbackDeps {
  store: CentralStore;
  names: VkUserNames;
  log: (line: string) => void;
  /** After a commit that wrote an appeal: live desks pull (team mode). */
  onChanged: (head: number) => Promise<void> | void;
  now?: () => Date;
}

const offSchema = (what: string) => new HttpError(400, 'invalid_request', `Событие VK не по схеме: ${what}`);

/** What a stored event is about: its appeal id, its author, and the appeal it would make if new. */
interface EventSubject {
  appealId: string;
  fromId?: number;
  /** Builds the appeal (new, version 1) once the author's name is known. */
  build?: (author: VkAuthor) => Appeal;
  /** A post by the community itself (its own reply under a post, its outgoing message): not an appeal. */
  own?: boolean;
  /** wall_reply_delete: who deleted the comment (VK's deleter_id), when VK says. */
  deleterId?: number | undefined;
}

/** The VK id of an appeal's author, from the profile link the connector made (vk-appeal.ts authorUrl). */
function authorVkId(appeal: Appeal): number | undefined {
  const match = /^https:\/\/vk\.com\/(id|club)(\d+)$/.exec(appeal.author.url ?? '');
  if (!match) return undefined;
  return match[1] === 'club' ? -Number(match[2]) : Number(match[2]);
}

function subjectOf(type: VkEventType, object: unknown, page: VkPageConfig): EventSubject {
  const parsed = VK_EVENT_SCHEMAS[type].safeParse(object, RUSSIAN_ISSUES);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw offSchema(`${type}: object${issue?.path.map((p) => `.${String(p)}`).join('') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  if (type === 'wall_reply_delete') {
    const gone = parsed.data as { post_id: number; id: number; owner_id: number; deleter_id?: number };
    if (gone.owner_id !== -page.groupId) throw offSchema(`${type}: owner_id ${gone.owner_id} is not this community's wall`);
    return { appealId: wallCommentAppealId(page.groupId, gone.post_id, gone.id), deleterId: gone.deleter_id };
  }
  if (type === 'wall_reply_new' || type === 'wall_reply_edit' || type === 'wall_reply_restore') {
    const comment = parsed.data as VkWallComment;
    const owner = comment.post_owner_id ?? comment.owner_id;
    if (owner !== undefined && owner !== -page.groupId) throw offSchema(`${type}: the post is not on this community's wall (${owner})`);
    return {
      appealId: wallCommentAppealId(page.groupId, comment.post_id, comment.id),
      fromId: comment.from_id,
      own: comment.from_id === -page.groupId,
      build: (author) => wallCommentAppeal(page, comment, author),
    };
  }
  const message = (type === 'message_new' ? (parsed.data as { message: VkMessage }).message : parsed.data) as VkMessage;
  return {
    appealId: messageAppealId(page.groupId, message.peer_id, message.conversation_message_id),
    fromId: message.from_id,
    own: message.out === 1 || message.from_id === -page.groupId,
    build: (author) => messageAppeal(page, message, author),
  };
}

/**
 * A restored post rejected earlier as «withdrawn» waits again: that reason is no longer true, and left rejected the
 * live appeal would be out of every inbox for good. Any other decision (routed, rejected as spam…) still holds, as a
 * decision taken before a withdrawal does. Same version as `appeal` (the restore's new version carries it).
 */
function reopenedIfRejectedAsWithdrawn(appeal: Appeal): Appeal {
  if (appeal.status !== 'rejected' || appeal.rejectReason !== 'withdrawn') return appeal;
  return { ...appeal, status: 'new', targetId: null, rejectReason: null, routedBy: null, routedAt: null, firstDecision: null };
}

/**
 * The pure decision for one event on the appeal as stored (inside the store's transaction); `at` is when the server
 * took the event in (a deletion carries no time of its own: it is the moment the appeal counts as withdrawn).
 */
export function planVkEvent(type: VkEventType, subject: EventSubject, draft: Appeal | undefined,
  current: Appeal | undefined, at: string): ConnectorEventPlan {
  if (subject.own) return { kind: 'record', outcome: 'own_post' };
  if (type === 'wall_reply_delete') {
    if (current === undefined) return { kind: 'record', outcome: 'deleted_unknown' };
    // Only the author (or VK not saying who) withdraws: a community manager removing a comment is moderation, and
    // the citizen's appeal still waits for its decision.
    const author = authorVkId(current);
    if (subject.deleterId !== undefined && author !== undefined && subject.deleterId !== author) {
      return { kind: 'record', outcome: 'deleted_by_community' };
    }
    const withdrawn = withdrawAppeal(current, at);
    return withdrawn ? { kind: 'update', appeal: withdrawn } : { kind: 'record', outcome: 'already_withdrawn' };
  }
  if (draft === undefined) throw new Error(`no appeal built for ${type}`);
  if (current === undefined) return { kind: 'insert', appeal: draft };
  if (type === 'wall_reply_restore') {
    // Back on the wall, possibly edited meanwhile: one new version with the mark cleared and the text as it is now.
    const restored = restoreAppeal(current);
    if (!restored) return { kind: 'record', outcome: 'not_withdrawn' };
    const edited = editedAppeal(current, draft);
    const live = edited ? { ...restored, text: edited.text, attachments: edited.attachments } : restored;
    return { kind: 'update', appeal: reopenedIfRejectedAsWithdrawn(live) };
  }
  if (type === 'wall_reply_new' || type === 'message_new') return { kind: 'record', outcome: 'known_post' };
  const edited = editedAppeal(current, draft);
  return edited ? { kind: 'update', appeal: edited } : { kind: 'record', outcome: 'unchanged' };
}

export function vkCallbackHandler(pages: readonly VkPageConfig[], deps: VkCallbackDeps) {
  const byGroup = new Map(pages.map((p) => [p.groupId, p]));
  const now = deps.now ?? (() => new Date());

  return async (req: IncomingMessage, res: ServerResponse, groupIdText: string): Promise<void> => {
    const page = /^\d{1,16}$/.test(groupIdText) ? byGroup.get(Number(groupIdText)) : undefined;
    if (!page) throw new HttpError(404, 'unknown_group', 'Это сообщество VK не подключено к центральному API');
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Метод не поддерживается для этого адреса', { allow: 'POST' });

    const raw = await readJsonBody(req, VK_MAX_BODY_BYTES);
    const base = VkCallbackBase.safeParse(raw, RUSSIAN_ISSUES);
    if (!base.success) throw offSchema(describeIssues(base.error, '(тело)', 1));
    const event = base.data;
    if (event.group_id !== page.groupId) throw offSchema(`group_id ${event.group_id} is not ${page.groupId} of the address`);

    if (event.type === 'confirmation') {
      // VK sends the secret with the confirmation too once one is set; a wrong one is refused like any event's.
      if (event.secret !== undefined && !sameSecret(event.secret, page.secret)) {
        throw new HttpError(403, 'bad_secret', 'Неверный секретный ключ Callback API');
      }
      deps.log(`vk ${page.groupId}: confirmation requested, answered`);
      sendPlainText(res, page.confirmation);
      return;
    }
    if (event.secret === undefined || !sameSecret(event.secret, page.secret)) {
      deps.log(`vk ${page.groupId}: ${event.type} refused: wrong or missing secret`);
      throw new HttpError(403, 'bad_secret', 'Неверный секретный ключ Callback API');
    }
    if (!isVkEventType(event.type)) {
      deps.log(`vk ${page.groupId}: event type ${event.type.slice(0, 100)} not taken (answered ok): untick it in the community's Callback API settings`);
      sendPlainText(res, 'ok');
      return;
    }
    if (event.event_id === undefined) throw offSchema('event_id is missing');
    const type = event.type;
    const subject = subjectOf(type, event.object, page);

    // A post stored before keeps its author; a new one gets its name and profile place now (bounded wait, see
    // vk-user-names.ts). Done before the transaction, so no lock is held while VK's API is asked.
    let draft: Appeal | undefined;
    if (subject.build && !subject.own) {
      const stored = await deps.store.appealById(subject.appealId);
      const author = stored ? stored.appeal.author : await deps.names.authorOf(subject.fromId ?? 0, page.accessToken);
      draft = subject.build(author);
    }
    const receivedAt = now().toISOString();
    const result = await deps.store.applyConnectorEvent(
      { key: `vk:${page.groupId}:${event.event_id}`, appealId: subject.appealId, type, receivedAt },
      (current) => planVkEvent(type, subject, draft, current, receivedAt));
    if (result.outcome !== 'duplicate_event') {
      deps.log(`vk ${page.groupId}: ${type} ${event.event_id}: ${result.outcome} ${subject.appealId}`);
    }
    // After the commit: desks told to pull must find the appeal there.
    if (result.written) await deps.onChanged(result.head);
    sendPlainText(res, 'ok');
  };
}
