// The connectors' paths in openapi.json: outside the desks' contract table (each platform proves itself its own way,
// not with a bearer token, except the ПОС upload), so they are described here, next to the router that serves them.
// A node test posts to every path listed here and checks the router answers it (not 404): the document cannot drift.
import { API_PREFIX } from '../../shared/central-api/contract.js';

const error = (description: string) => ({
  description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
});
const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });
const jsonBody = (description: string) => ({
  required: true, description, content: { 'application/json': { schema: { type: 'object' } } },
});
const ok = { description: 'Accepted (also a repeat of an event already taken, and an event type not taken): «ok»',
  content: { 'text/plain': { schema: { type: 'string' } } } };

/** The connector endpoints, keyed by their OpenAPI path (placeholders in braces). */
export const CONNECTOR_PATHS: Record<string, Record<string, unknown>> = {
  [`${API_PREFIX}/connectors/vk/{groupId}`]: {
    post: {
      operationId: 'connectorVk', summary: 'VK Callback API: confirmation, wall_reply_new/edit/delete/restore, message_new/edit',
      description: 'Proven by the `secret` field of every event (configured per community). One appeal per VK comment or '
        + 'message however often VK retries. See docs/IT.md.',
      security: [], parameters: [pathParam('groupId', 'The community id as configured')],
      requestBody: jsonBody('A VK Callback API event'),
      responses: { 200: { description: '«ok», or the confirmation string for a `confirmation` event', content: ok.content },
        400: error('Not VK\'s event schema'), 403: error('Wrong secret'), 404: error('Community not configured'),
        413: error('Body over 1 MB') },
    },
  },
  [`${API_PREFIX}/connectors/telegram/{bot}`]: {
    post: {
      operationId: 'connectorTelegram', summary: 'Telegram Bot API webhook: comments in a channel\'s discussion group, private messages, edits',
      description: 'Proven by the X-Telegram-Bot-Api-Secret-Token header (setWebhook secret_token). Idempotent on update_id '
        + 'and on (chat, message). A bot may instead be polled (getUpdates): see docs/IT.md.',
      security: [], parameters: [pathParam('bot', 'The bot\'s username as configured'),
        { name: 'X-Telegram-Bot-Api-Secret-Token', in: 'header', required: true, schema: { type: 'string' } }],
      requestBody: jsonBody('A Telegram Update'),
      responses: { 200: ok, 400: error('Not an Update'), 403: error('Missing or wrong secret token'),
        404: error('Bot not configured'), 413: error('Body over 1 MB') },
    },
  },
  [`${API_PREFIX}/connectors/ok/{groupId}/{pathSecret}`]: {
    post: {
      operationId: 'connectorOk', summary: 'Odnoklassniki Bot API webhook: MESSAGE_CREATED',
      description: 'OK signs nothing: proven by the per-group secret in the path and an optional source-address allowlist. '
        + 'Idempotent on mid. See docs/IT.md.',
      security: [], parameters: [pathParam('groupId', 'The group id as configured'), pathParam('pathSecret', 'The group\'s path secret')],
      requestBody: jsonBody('An OK webhook notification'),
      responses: { 200: ok, 400: error('Not OK\'s notification schema'), 403: error('Wrong path secret or address not allowed'),
        404: error('Group not configured'), 413: error('Body over 1 MB') },
    },
  },
  [`${API_PREFIX}/connectors/pos/import`]: {
    post: {
      operationId: 'connectorPosImport', summary: 'Gosuslugi «Решаем вместе» (ПОС): import of the cabinet\'s export',
      description: 'A lead\'s or connector account\'s upload of a CSV or XLSX export; idempotent on the message number. '
        + 'Answers a report of rows taken (takenAsNow: of them, dated ahead of the server\'s clock and stored as received now), '
        + 'already known and refused (row number and reason). See docs/pos-import.md.',
      security: [{ bearer: [] }],
      requestBody: { required: true, content: {
        'text/csv': { schema: { type: 'string' } },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
      } },
      responses: { 200: { description: 'The import report', content: { 'application/json': { schema: { type: 'object' } } } },
        401: error('Missing or invalid bearer token'), 403: error('Role not allowed: leads and connector accounts'),
        413: error('File over 20 MB'), 415: error('Not CSV or XLSX'), 422: error('The file as a whole is refused') },
    },
  },
};
