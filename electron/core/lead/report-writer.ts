// Writes report tables to XLSX (exceljs) or CSV (UTF-8 with BOM, «;» separator, CRLF: what Russian Excel opens
// correctly), reporting progress every few hundred rows so a big export can show a progress bar.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cell, ReportTable } from './report-tables.js';

const PROGRESS_EVERY = 500;

/** Citizen text is hostile: a cell that starts like a formula is written as text in CSV (CSV injection). */
function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell).replace('.', ',');
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

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

export async function writeReport(
  dir: string, fileName: string, format: 'xlsx' | 'csv', tables: readonly ReportTable[], progress: Progress,
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, fileName);
  const total = tables.reduce((n, t) => n + t.rows.length, 0);
  progress(0, total);
  if (format === 'csv') {
    writeFileSync(path, toCsv(tables), 'utf8');
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
      sheet.addRow(row);
      if (++done % PROGRESS_EVERY === 0) {
        progress(done, total);
        await yieldToEvents();
      }
    }
    sheet.columns.forEach((column, i) => {
      column.width = Math.min(60, Math.max(10, ...[table.header[i] ?? '', ...table.rows.slice(0, 200).map((r) => String(r[i] ?? ''))].map((s) => s.length + 2)));
    });
  }
  await book.xlsx.writeFile(path);
  progress(total, total);
  return path;
}
