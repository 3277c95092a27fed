// POST /api/v1/connectors/pos/import: a ПОС export (CSV or XLSX) as the request body, imported as by the CLI, the
// report answered as JSON. Unlike the platforms' webhooks this is a person's (or a connector account's) upload, so it
// is authorised like the desks' API: a bearer token of a signed-in lead or connector account (401 without one, 403
// for an operator), checked before a byte of the body is read. What is answered:
// - 200 and the report (rows taken, known, refused with row and reason) when the table was read;
// - 422 `pos_file_refused` when the file as a whole is not an export (not CSV/XLSX, no header row): nothing stored;
// - 413 over POS_MAX_BODY_BYTES, 415 for another content type, 405 for another method.
// `?file=NAME` names the upload in the report and the log (default «выгрузка»).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Auth } from '../../auth.js';
import { HttpError, readBodyBytes, sendJson } from '../../http-io.js';
import type { CentralStore } from '../../store/central-store.js';
import { importPosFile, PosFileRefused } from './pos-import.js';

/** A month of a large region's messages as XLSX is a few MB; 20 MB leaves room without inviting abuse. */
export const POS_MAX_BODY_BYTES = 20 * 1024 * 1024;

/** text/csv for CSV; the XLSX type; octet-stream and the old Excel type, which some tools send for either. */
const ACCEPTED_TYPES = new Set(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream', 'application/vnd.ms-excel']);

export interface PosRouteDeps {
  store: CentralStore;
  auth: Auth;
  log: (line: string) => void;
  /** After a commit that wrote appeals: live desks pull. */
  onChanged: (head: number) => Promise<void> | void;
  utcOffsetMinutes?: number;
  channelUrl?: string;
  maxBodyBytes?: number;
  now?: () => number;
}

const sizeText = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} МБ`;

/** The body's bytes, at most `limit` (declared or streamed): HttpError 413 beyond, in words for a file. */
const readBody = (req: IncomingMessage, limit: number): Promise<Buffer> => readBodyBytes(req, limit,
  () => new HttpError(413, 'payload_too_large', `Файл больше ${sizeText(limit)}: разделите выгрузку по периодам`));

/** A name for the report: the `file` query parameter, cut to a sane length and to one line. */
function fileNameOf(req: IncomingMessage): string {
  const given = new URL(req.url ?? '/', 'http://localhost').searchParams.get('file') ?? '';
  const clean = [...given].map((ch) => (ch.charCodeAt(0) < 0x20 || ch === '\u007f' ? ' ' : ch)).join('').trim().slice(0, 200);
  return clean === '' ? 'выгрузка' : clean;
}

export function posImportHandler(deps: PosRouteDeps) {
  const limit = deps.maxBodyBytes ?? POS_MAX_BODY_BYTES;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Метод не поддерживается для этого адреса', { allow: 'POST' });
    const user = await deps.auth.userFromHeader(req.headers.authorization);
    if (user === null) throw new HttpError(401, 'unauthorized', 'Нужен вход: токен отсутствует или недействителен');
    if (user.role !== 'lead' && user.role !== 'connector') {
      throw new HttpError(403, 'forbidden', 'Загружать выгрузку ПОС может старший смены или учётная запись коннектора');
    }
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!ACCEPTED_TYPES.has(mediaType)) {
      throw new HttpError(415, 'unsupported_media_type',
        'Тело запроса — файл выгрузки ПОС: Content-Type: text/csv или application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    }
    const body = await readBody(req, limit);
    const fileName = fileNameOf(req);
    let result;
    try {
      result = await importPosFile(body, fileName, {
        store: deps.store,
        ...(deps.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: deps.utcOffsetMinutes } : {}),
        ...(deps.channelUrl !== undefined ? { channelUrl: deps.channelUrl } : {}),
        ...(deps.now !== undefined ? { now: deps.now } : {}),
      });
    } catch (err) {
      if (err instanceof PosFileRefused) {
        deps.log(`pos import by ${user.id}: refused: ${err.message}`);
        throw new HttpError(422, 'pos_file_refused', err.message);
      }
      throw err;
    }
    const { report } = result;
    deps.log(`pos import by ${user.id}: ${fileName}: ${report.rows} rows, ${report.taken} taken (${report.takenAsNow} dated ahead, taken as now), ${report.known} known, ${report.refused.length} refused`);
    // After the commit: desks told to pull must find the appeals there.
    if (result.written) await deps.onChanged(result.head);
    sendJson(res, 200, report);
  };
}
