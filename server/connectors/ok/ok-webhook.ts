// Odnoklassniki Bot API webhook, POST /api/v1/connectors/ok/{groupId}/{pathSecret} (issue 14 item 4): the address a
// group's webhook is subscribed to with POST https://api.ok.ru/graph/me/subscribe. OK signs nothing, so what proves a
// request is OK's is the group's secret in the path (compared timing-safe) and, when configured, the source address.
// What OK is told:
// - an unknown group → 404, before the body is read; a method other than POST → 405;
// - a source address outside the group's `allowFrom` → 403; a wrong path secret → 403; both before the body is read,
//   nothing stored;
// - a body over OK_MAX_BODY_BYTES → 413; not JSON or off OK's schema → 400, nothing stored;
// - MESSAGE_CREATED (or a notification without `webhookType`, as in OK's own examples) → a new appeal, once per
//   message however often OK retries → 200;
// - any other webhookType (MESSAGE_CALLBACK, CHAT_SYSTEM, …) → logged and 200, so OK does not retry it for 8 hours.
// OK wants its 200 within 5 s: the answer goes as soon as the appeal is committed (desks are told to pull after it),
// and nothing is looked up on the way (the name is the one OK sends, or a placeholder).
// The path secret never reaches a log line; connector-routes.ts names the path without it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { HttpError, readJsonBody } from '../../http-io.js';
import { sameSecret, sendPlainText } from '../connector-http.js';
import type { CentralStore } from '../../store/central-store.js';
import type { OkGroupConfig } from '../connectors-config.js';
import { createAddressAllowlist } from './ok-address-allowlist.js';
import { messageAppeal, okEventKey } from './ok-appeal.js';
import { OK_MESSAGE_CREATED, OkMessageCreated, OkWebhookBase } from './ok-webhook-schema.js';
import { describeIssues, RUSSIAN_ISSUES } from '../../../shared/text/issue-text.js';

/** A message is a few KB; 1 MB holds one at the appeal text limit, escaped, like VK's cap. */
export const OK_MAX_BODY_BYTES = 1024 * 1024;

export interface OkWebhookDeps {
  store: CentralStore;
  log: (line: string) => void;
  /** After a commit that wrote an appeal: live desks pull (team mode). */
  onChanged: (head: number) => Promise<void> | void;
  now?: () => Date;
}

const offSchema = (what: string) => new HttpError(400, 'invalid_request', `Уведомление ОК не по схеме: ${what}`);

const issueText = (error: z.ZodError): string => describeIssues(error, '(тело)', 1);

export function okWebhookHandler(groups: readonly OkGroupConfig[], deps: OkWebhookDeps) {
  const byGroup = new Map(groups.map((g) => [g.groupId, { group: g, allowlist: createAddressAllowlist(g.allowFrom) }]));
  const now = deps.now ?? (() => new Date());

  return async (req: IncomingMessage, res: ServerResponse, groupIdText: string, pathSecret: string): Promise<void> => {
    const known = /^\d{1,20}$/.test(groupIdText) ? byGroup.get(groupIdText) : undefined;
    if (!known) throw new HttpError(404, 'unknown_group', 'Эта группа ОК не подключена к центральному API');
    const { group, allowlist } = known;
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Метод не поддерживается для этого адреса', { allow: 'POST' });

    // The TCP peer, never X-Forwarded-For (see ok-address-allowlist.ts).
    const address = req.socket.remoteAddress;
    if (!allowlist.allows(address)) {
      deps.log(`ok ${group.groupId}: request from ${address ?? '(unknown address)'} refused: not in allowFrom`);
      throw new HttpError(403, 'address_not_allowed', 'Запросы с этого адреса не принимаются для этой группы ОК');
    }
    if (!sameSecret(pathSecret, group.pathSecret)) {
      deps.log(`ok ${group.groupId}: request from ${address ?? '(unknown address)'} refused: wrong path secret`);
      throw new HttpError(403, 'bad_secret', 'Неверный секрет в адресе webhook ОК');
    }

    const raw = await readJsonBody(req, OK_MAX_BODY_BYTES);
    const base = OkWebhookBase.safeParse(raw, RUSSIAN_ISSUES);
    if (!base.success) throw offSchema(issueText(base.error));
    const type = base.data.webhookType ?? OK_MESSAGE_CREATED;
    if (type !== OK_MESSAGE_CREATED) {
      deps.log(`ok ${group.groupId}: webhookType ${type.slice(0, 100)} not taken (answered 200)`);
      sendPlainText(res, 'ok');
      return;
    }
    const parsed = OkMessageCreated.safeParse(raw, RUSSIAN_ISSUES);
    if (!parsed.success) throw offSchema(`${type}: ${issueText(parsed.error)}`);
    const event = parsed.data;

    const appeal = messageAppeal(group, event);
    const result = await deps.store.applyConnectorEvent(
      { key: okEventKey(group.groupId, event.message.mid), appealId: appeal.id, type, receivedAt: now().toISOString() },
      // The same message under another key cannot happen (the key is its mid), but an appeal is never replaced.
      (current) => (current === undefined ? { kind: 'insert', appeal } : { kind: 'record', outcome: 'known_post' }));
    if (result.outcome !== 'duplicate_event') {
      deps.log(`ok ${group.groupId}: ${type} ${event.message.mid}: ${result.outcome} ${appeal.id}`);
    }
    // Answered once committed; desks are told after, and their pull finds it (the commit is done).
    sendPlainText(res, 'ok');
    if (result.written) {
      try {
        await deps.onChanged(result.head);
      } catch (err) {
        deps.log(`ok ${group.groupId}: telling desks about ${appeal.id} failed: ${(err as Error).message}`);
      }
    }
  };
}
