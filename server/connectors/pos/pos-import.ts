// The ПОС import (issue 14 item 5), shared by the CLI (server/import-pos-main.ts) and the API route (pos-route.ts):
// a file's bytes → the table (pos-table.ts) → the header row found by name (pos-columns.ts) → each data row an appeal
// or a refusal with its row number and reason (pos-appeal.ts) → the new appeals stored → the report.
//
// Idempotent on the platform's message number: the appeal id is `pos:{number}`, and insertNewAppeals stores an id only
// once (a known one is left as it is, decided or not), so importing the same file again — or a later export whose
// period overlaps — changes nothing for the messages already taken. Each batch is one transaction of whole appeals;
// a refused row is never stored in part.
//
// A date ahead of the server's clock by more than a few minutes (but not a day: that is refused as a misread date) is
// taken as now, by the rule of POST /appeals (received-ahead.ts): stored as written it would sit atop every inbox.
import type { CentralStore } from '../../store/central-store.js';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../../../shared/domain/day-bounds.js';
import type { Appeal } from '../../../shared/domain/appeal.js';
import { receivedAtToStore } from '../../received-ahead.js';
import {
  HEADER_SEARCH_ROWS, hasRequired, IMPORTED_FIELDS, matchHeader, POS_COLUMNS, REQUIRED_FIELDS, requiredNames, type HeaderMatch,
  type PosField,
} from './pos-columns.js';
import { appealOfRow, POS_BASE_URL } from './pos-appeal.js';
import { PosFileRefused, readTable, type Table } from './pos-table.js';

export { PosFileRefused } from './pos-table.js';

export interface PosRefusal {
  /** The row as Excel numbers it (the header row counted). */
  row: number;
  number?: string;
  reason: string;
}

export interface PosImportReport {
  file: string;
  format: Table['format'];
  encoding?: Table['encoding'];
  delimiter?: Table['delimiter'];
  sheet?: string;
  headerRow: number;
  /** The header of each recognised column as the file writes it. */
  columns: Partial<Record<PosField, string>>;
  /** Headers of columns not read (unknown, or recognised but not imported: status, responsible, term). */
  ignoredColumns: string[];
  /** Non-empty data rows below the header. */
  rows: number;
  taken: number;
  /** Of those taken, the rows dated ahead of the server's clock and stored as received now (received-ahead.ts). */
  takenAsNow: number;
  /** Rows whose message number is already stored (an earlier import): nothing changed. */
  known: number;
  refused: PosRefusal[];
}

export interface PosImportOptions {
  store: CentralStore;
  /** The centre's offset for dates without one; default the working calendar's (shared/domain/day-bounds.ts). */
  utcOffsetMinutes?: number;
  /** The channel's link for messages without their own; default POS_BASE_URL. */
  channelUrl?: string;
  now?: () => number;
}

export interface PosImportResult {
  report: PosImportReport;
  /** The change sequence head after the import, and whether anything was written (desks are told to pull). */
  head: number;
  written: boolean;
}

/** Appeals per transaction: a large export neither holds the store's write lock for long nor goes in one statement. */
const BATCH = 500;

const isBlank = (cells: readonly { text: string }[]): boolean => cells.every((c) => c.text.trim() === '');

/** The header row (by name) among the first rows, or the refusal naming the headers that were there. */
function findHeader(table: Table, fileName: string): { index: number; match: HeaderMatch } {
  let bestGuess: { index: number; match: HeaderMatch; score: number } | undefined;
  const limit = Math.min(table.rows.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index += 1) {
    const cells = table.rows[index]?.cells.map((c) => c.text) ?? [];
    if (cells.every((c) => c.trim() === '')) continue;
    const match = matchHeader(cells);
    if (hasRequired(match)) return { index, match };
    const score = Object.keys(match.columns).length;
    if (bestGuess === undefined || score > bestGuess.score) bestGuess = { index, match, score };
  }
  if (bestGuess === undefined) throw new PosFileRefused(`${fileName}: в файле нет ни одной непустой строки`);
  const row = table.rows[bestGuess.index];
  const found = (row?.cells ?? []).map((c) => c.text.trim().replace(/\s+/g, ' ')).filter((t) => t !== '')
    .slice(0, 20).map((t) => `«${t.length > 60 ? `${t.slice(0, 60)}…` : t}»`);
  const missing = REQUIRED_FIELDS.filter((f) => bestGuess.match.columns[f] === undefined).map((f) => `«${POS_COLUMNS[f][0]}»`);
  const what = table.format === 'csv' ? `CSV (${table.encoding}, разделитель ${table.delimiter === '\t' ? 'табуляция' : `«${table.delimiter}»`})` : `XLSX, лист «${table.sheet}»`;
  throw new PosFileRefused(`${fileName}: не найдена строка заголовков выгрузки ПОС (${what}): нужны столбцы ${requiredNames()}`
    + `${bestGuess.score > 0 ? `, не хватает ${missing.join(', ')}` : ''}; в строке ${row?.row ?? 1} найдены заголовки: ${found.join(', ') || '(нет)'}`);
}

/** Reads and stores one export; throws PosFileRefused when the file as a whole cannot be imported. */
export async function importPosFile(bytes: Uint8Array, fileName: string, opts: PosImportOptions): Promise<PosImportResult> {
  const table = await readTable(bytes, fileName);
  const { index: headerIndex, match } = findHeader(table, fileName);
  const rowOpts = {
    utcOffsetMinutes: opts.utcOffsetMinutes ?? DEFAULT_UTC_OFFSET_MINUTES,
    channelUrl: opts.channelUrl ?? POS_BASE_URL,
    nowMs: (opts.now ?? Date.now)(),
  };
  const columns: Partial<Record<PosField, number>> = {};
  for (const field of IMPORTED_FIELDS) if (match.columns[field] !== undefined) columns[field] = match.columns[field];

  const refused: PosRefusal[] = [];
  const firstRowOf = new Map<string, number>();
  const appeals: Appeal[] = [];
  // Apart, so that the store's count of what it took is exactly the count of those stored as now (not the known ones).
  const aheadAppeals: Appeal[] = [];
  let rows = 0;
  for (const { row, cells } of table.rows.slice(headerIndex + 1)) {
    if (isBlank(cells)) continue;
    rows += 1;
    const result = appealOfRow(cells, columns, rowOpts);
    if (!result.ok) {
      refused.push({ row, ...(result.number !== undefined ? { number: result.number } : {}), reason: result.reason });
      continue;
    }
    const earlier = firstRowOf.get(result.number);
    if (earlier !== undefined) {
      refused.push({ row, number: result.number, reason: `номер ${result.number} повторяется в файле: он уже в строке ${earlier}` });
      continue;
    }
    firstRowOf.set(result.number, row);
    const { receivedAt, takenAsNow } = receivedAtToStore(result.appeal.receivedAt, rowOpts.nowMs);
    if (takenAsNow) aheadAppeals.push({ ...result.appeal, receivedAt });
    else appeals.push(result.appeal);
  }

  let known = 0;
  let head = 0;
  /** Stores the list in batches; how many were new. */
  const insertAll = async (list: readonly Appeal[]): Promise<number> => {
    let accepted = 0;
    for (let i = 0; i < list.length; i += BATCH) {
      const stored = await opts.store.insertNewAppeals(list.slice(i, i + BATCH));
      accepted += stored.accepted;
      known += stored.duplicates;
      head = stored.head;
    }
    return accepted;
  };
  const takenAsGiven = await insertAll(appeals);
  const takenAsNow = await insertAll(aheadAppeals);
  const taken = takenAsGiven + takenAsNow;
  if (appeals.length + aheadAppeals.length === 0) head = await opts.store.headSeq();

  const { names } = match;
  const ignoredColumns = [...match.ignored,
    ...(Object.keys(names) as PosField[]).filter((f) => !IMPORTED_FIELDS.includes(f)).map((f) => names[f] ?? '')];
  return {
    report: {
      file: fileName,
      format: table.format,
      ...(table.encoding !== undefined ? { encoding: table.encoding } : {}),
      ...(table.delimiter !== undefined ? { delimiter: table.delimiter } : {}),
      ...(table.sheet !== undefined ? { sheet: table.sheet } : {}),
      headerRow: table.rows[headerIndex]?.row ?? 1,
      columns: Object.fromEntries(IMPORTED_FIELDS.filter((f) => names[f] !== undefined).map((f) => [f, names[f]])),
      ignoredColumns,
      rows, taken, takenAsNow, known, refused,
    },
    head,
    written: taken > 0,
  };
}

/** The report as lines for a person (the CLI; the API answers the JSON). */
export function reportLines(report: PosImportReport): string[] {
  const what = report.format === 'csv'
    ? `CSV, ${report.encoding}, разделитель ${report.delimiter === '\t' ? 'табуляция' : `«${report.delimiter}»`}`
    : `XLSX, лист «${report.sheet}»`;
  const lines = [
    `${report.file}: ${what}, заголовки в строке ${report.headerRow}`,
    `столбцы: ${Object.entries(report.columns).map(([, name]) => `«${name}»`).join(', ')}`
      + (report.ignoredColumns.length > 0 ? `; не читаются: ${report.ignoredColumns.map((n) => `«${n}»`).join(', ')}` : ''),
    `строк с данными: ${report.rows}; принято: ${report.taken}; уже были: ${report.known}; отклонено: ${report.refused.length}`
      + (report.takenAsNow > 0 ? `; из них с датой позже часов сервера, принято с временем импорта: ${report.takenAsNow}` : ''),
  ];
  for (const r of report.refused) lines.push(`  строка ${r.row}${r.number !== undefined ? ` (№ ${r.number})` : ''}: ${r.reason}`);
  return lines;
}
