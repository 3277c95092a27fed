// Writes report tables to XLSX (exceljs) or CSV (UTF-8 with BOM, «;» separator, CRLF: what Russian Excel opens
// correctly), reporting progress every few hundred rows so a big export can show a progress bar.
// Cell types: in XLSX dates and times are real Excel dates (the centre's wall-clock time, «ДД.ММ.ГГГГ чч:мм»), counts
// are numbers shown with thousands grouping; in CSV a date is the text «02.12.2026 23:30» (ДД.ММ.ГГГГ чч:мм, or
// ДД.ММ.ГГГГ for a day; Russian Excel reads it as a date), a number is plain digits with a decimal comma, no grouping.
// The file is created new, never over another (a taken name is numbered), and private to the user (0600).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { writeNewOwnerOnlyFile } from '../../../shared/node/new-owner-only-file.js';
import { isDateCell, type Cell, type DateCell, type ReportTable } from './report-tables.js';

const PROGRESS_EVERY = 500;

/** The folder of the data folder reports are written to; a sign-out deletes what it holds (sign-out.ts). */
export function exportsFolder(dataDir: string): string {
  return join(dataDir, 'exports');
}

/** Citizen text is hostile: a cell that starts like a formula is written as text in CSV (CSV injection). */
function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (isDateCell(cell)) return dateText(cell);
  if (typeof cell === 'number') return String(cell).replace('.', ',');
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** «02.12.2026 23:30» (or «02.12.2026»): the wall-clock fields of the cell, never converted again. */
export function dateText({ wall, withTime }: DateCell): string {
  const day = `${pad(wall.getUTCDate())}.${pad(wall.getUTCMonth() + 1)}.${wall.getUTCFullYear()}`;
  return withTime ? `${day} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}` : day;
}

/** Excel number formats: the file carries them, Excel renders them in the reader's locale (space-grouped in ru). */
export const XLSX_FORMATS = { dateTime: 'dd.mm.yyyy hh:mm', date: 'dd.mm.yyyy', count: '#,##0', decimal: '#,##0.0' } as const;

/** The cell's text width in characters, for the column widths. */
const shownLength = (cell: Cell): number => (cell === null ? 0 : isDateCell(cell) ? dateText(cell).length : String(cell).length);

export function toCsv(tables: readonly ReportTable[]): string {
  const lines: string[] = [];
  tables.forEach((table, index) => {
    if (tables.length > 1) {
      if (index > 0) lines.push('');
      lines.push(csvCell(table.name));
    }
    lines.push(table.header.map(csvCell).join(';'));
    for (const row of table.rows) lines.push(row.map(csvCell).join(';'));
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export type Progress = (done: number, total: number) => void;

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Writes the tables into `dir` as `fileName`, or as «… (2).xlsx» and so on when that name is taken, and returns the
 * path written.
 */
export async function writeReport(
  dir: string, fileName: string, format: 'xlsx' | 'csv', tables: readonly ReportTable[], progress: Progress,
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const total = tables.reduce((n, t) => n + t.rows.length, 0);
  progress(0, total);
  if (format === 'csv') {
    const path = await writeNewOwnerOnlyFile(dir, fileName, (file) => file.writeFile(toCsv(tables), 'utf8'));
    progress(total, total);
    return path;
  }
  // Loaded on the first XLSX export only: exceljs takes seconds to import and every core start would pay for it.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'ЦУР · Разбор обращений';
  let done = 0;
  for (const table of tables) {
    const sheet = book.addWorksheet(table.name.slice(0, 31));
    sheet.addRow(table.header).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    for (const row of table.rows) {
      // exceljs turns a Date into an Excel serial from its UTC fields: the wall-clock Date keeps the centre's time.
      const added = sheet.addRow(row.map((cell) => (isDateCell(cell) ? cell.wall : cell)));
      row.forEach((cell, i) => {
        if (cell === null || typeof cell === 'string') return;
        const numFmt = isDateCell(cell) ? (cell.withTime ? XLSX_FORMATS.dateTime : XLSX_FORMATS.date)
          : Number.isInteger(cell) ? XLSX_FORMATS.count : XLSX_FORMATS.decimal;
        added.getCell(i + 1).numFmt = numFmt;
      });
      if (++done % PROGRESS_EVERY === 0) {
        progress(done, total);
        await yieldToEvents();
      }
    }
    sheet.columns.forEach((column, i) => {
      const lengths = [(table.header[i] ?? '').length, ...table.rows.slice(0, 200).map((r) => shownLength(r[i] ?? null))];
      column.width = Math.min(60, Math.max(10, ...lengths.map((n) => n + 2)));
    });
  }
  const path = await writeNewOwnerOnlyFile(dir, fileName, async (file) => {
    // As exceljs's own writeFile, but into the claimed file. The stream closes the handle when it ends (a stream that
    // keeps it open also keeps FileHandle.close() waiting for ever), and a failure on either side destroys it.
    const out = file.createWriteStream();
    try {
      await Promise.all([finished(out), book.xlsx.write(out).then(() => { out.end(); })]);
    } finally {
      out.destroy();
    }
  });
  progress(total, total);
  return path;
}
