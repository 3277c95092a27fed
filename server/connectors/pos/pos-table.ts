// A ПОС export file as a table of cells: what kind of file it is (by its bytes, never by its name or content type),
// CSV decoded (UTF-8 with or without BOM, UTF-16 with BOM, otherwise Windows-1251 — the cabinets export both) and split
// (`;`, `,` or tab, detected; quoted fields may hold the delimiter, quotes and newlines), or the first sheet of an
// XLSX read with exceljs. Rows keep the number a person sees in Excel, so a refusal can name it. No field meaning here
// (pos-columns.ts) and no appeals (pos-appeal.ts).
import ExcelJS from 'exceljs';
import { HEADER_SEARCH_ROWS, hasRequired, matchHeader } from './pos-columns.js';

/** One cell: its text as shown, and what a spreadsheet knows beyond it. */
export interface Cell {
  text: string;
  /** An XLSX date cell: the wall-clock time as the UTC fields of this Date (Excel dates carry no zone). */
  date?: Date;
  /** An XLSX number cell's value (a date column not formatted as a date holds Excel's serial day number). */
  number?: number;
  /** An XLSX hyperlink on the cell. */
  link?: string;
}

export interface TableRow {
  /** 1-based, as Excel numbers rows (CSV: the record's position, the header counted; a quoted newline does not add one). */
  row: number;
  cells: Cell[];
}

export interface Table {
  format: 'csv' | 'xlsx';
  encoding?: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1251';
  delimiter?: ';' | ',' | '\t';
  sheet?: string;
  rows: TableRow[];
}

/** The file as a whole is not an importable table: one message naming the file and why. */
export class PosFileRefused extends Error {}

const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46];

export async function readTable(bytes: Uint8Array, fileName: string): Promise<Table> {
  if (bytes.length === 0) throw new PosFileRefused(`${fileName}: файл пуст`);
  if (startsWith(bytes, ZIP)) return readXlsx(bytes, fileName);
  if (startsWith(bytes, OLE)) {
    throw new PosFileRefused(`${fileName}: это файл Excel 97–2003 (XLS), он не читается: сохраните выгрузку как XLSX или CSV`);
  }
  if (startsWith(bytes, PDF)) throw new PosFileRefused(`${fileName}: это PDF, а не таблица CSV или XLSX`);
  return readCsv(bytes, fileName);
}

// ---------------------------------------------------------------------------------------------------------- CSV

function decode(bytes: Uint8Array, fileName: string): { text: string; encoding: NonNullable<Table['encoding']> } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  // A NUL byte never occurs in a text export in these encodings: this is some binary file.
  if (bytes.subarray(0, 64 * 1024).includes(0)) throw new PosFileRefused(`${fileName}: двоичный файл, а не таблица CSV или XLSX`);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: Russian text in Windows-1251 practically never is, so this is the other encoding the cabinets use.
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

/** RFC 4180 records: `"` quotes a field, `""` inside it is a quote, CRLF, LF or CR end a record outside quotes. */
export function parseCsv(text: string, delimiter: string, maxRecords = Infinity): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (i < text.length && records.length < maxRecords) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else field += ch;
    i += 1;
  }
  if (records.length < maxRecords && (field !== '' || record.length > 0)) endRecord();
  return records;
}

const DELIMITERS = [';', ',', '\t'] as const;

/**
 * The delimiter whose parse of the first rows yields a header with the required columns (the most recognised columns
 * wins); failing that, the one that splits the first non-empty row into the most fields, so the error can show them.
 */
function detectDelimiter(text: string): { delimiter: (typeof DELIMITERS)[number]; found: boolean } {
  let best: { delimiter: (typeof DELIMITERS)[number]; score: number; found: boolean } | undefined;
  for (const delimiter of DELIMITERS) {
    const records = parseCsv(text, delimiter, HEADER_SEARCH_ROWS);
    let score = 0;
    let found = false;
    for (const cells of records) {
      const match = matchHeader(cells);
      if (hasRequired(match)) {
        score = 1000 + Object.keys(match.columns).length;
        found = true;
        break;
      }
    }
    if (!found) score = Math.max(0, ...records.filter((r) => r.some((c) => c.trim() !== '')).slice(0, 1).map((r) => r.length));
    if (best === undefined || score > best.score) best = { delimiter, score, found };
  }
  return { delimiter: best?.delimiter ?? ';', found: best?.found ?? false };
}

function readCsv(bytes: Uint8Array, fileName: string): Table {
  const { text, encoding } = decode(bytes, fileName);
  if (/^\s*</.test(text)) {
    throw new PosFileRefused(`${fileName}: это HTML или XML, а не таблица CSV или XLSX (если кабинет сохранил «Excel» как веб-страницу, откройте её в Excel и сохраните как XLSX)`);
  }
  const { delimiter } = detectDelimiter(text);
  const rows = parseCsv(text, delimiter).map((cells, i) => ({ row: i + 1, cells: cells.map((t) => ({ text: t })) }));
  return { format: 'csv', encoding, delimiter, rows };
}

// --------------------------------------------------------------------------------------------------------- XLSX

type CellValue = ExcelJS.CellValue;

function richText(value: { richText: { text: string }[] }): string {
  return value.richText.map((r) => r.text).join('');
}

function cellOf(value: CellValue): Cell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: String(value), number: value };
  if (typeof value === 'boolean') return { text: value ? 'ИСТИНА' : 'ЛОЖЬ' };
  if (value instanceof Date) return { text: value.toISOString(), date: value };
  if (typeof value === 'object') {
    if ('richText' in value) return { text: richText(value) };
    if ('hyperlink' in value) {
      const inner = value.text as unknown;
      const text = typeof inner === 'string' ? inner
        : inner !== null && typeof inner === 'object' && 'richText' in inner ? richText(inner as { richText: { text: string }[] }) : '';
      return { text, link: value.hyperlink };
    }
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result !== null && typeof result === 'object' && 'error' in result) return { text: String((result as { error: unknown }).error) };
      return cellOf(result as CellValue);
    }
    if ('error' in value) return { text: String(value.error) };
  }
  return { text: String(value) };
}

async function readXlsx(bytes: Uint8Array, fileName: string): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's Buffer type predates Node's generic Buffer; the bytes are the same.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new PosFileRefused(`${fileName}: ZIP-архив, но не книга XLSX (${(err as Error).message.slice(0, 200)})`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new PosFileRefused(`${fileName}: в книге XLSX нет листов`);
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    // row.values is 1-based (index 0 is empty) and sparse.
    const values = row.values as CellValue[];
    for (let col = 1; col < values.length; col += 1) cells.push(cellOf(values[col]));
    rows.push({ row: rowNumber, cells });
  });
  return { format: 'xlsx', sheet: sheet.name, rows };
}
