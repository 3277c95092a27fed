// The exported files as the lead opens them: in XLSX a date is a real Excel date in the centre's wall-clock time
// (a 23:30 appeal at UTC+7 reads 23:30 that day, not 16:30), counts are numbers with a grouping format; in CSV a date is
// the documented «ДД.ММ.ГГГГ чч:мм» text. The writer runs for real and exceljs reads the file back. A second export
// under a taken name is numbered, never written over the first (trial of 4 December), and every file is 0600.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { appealListTable, monthlyReportTables } from '../../../electron/core/lead/report-tables.js';
import { writeReport, XLSX_FORMATS } from '../../../electron/core/lead/report-writer.js';
import type { QueueAppeal, Stats } from '../../../shared/desk-api/lead-contract.js';
import { tempDir } from './core-test-kit.js';

const UTC7 = 7 * 60 * 60_000;
const noProgress = (): void => {};
let temp: ReturnType<typeof tempDir> | null = null;
afterEach(() => { temp?.remove(); temp = null; });

const appeal: QueueAppeal = {
  id: 'a-00042', source: 'vk', excerpt: '=HYPERLINK("x") Яма во дворе', receivedAt: '2026-12-01T16:30:00.000Z',
  status: 'routed', targetId: 't-zdrav', decidedBy: 'Анна П.', decidedAt: '2026-12-01T17:05:00.000Z',
  routeDueAt: null, answerDueAt: '2026-12-03T04:00:00.000Z', pending: false, decidedOnServer: true,
};

const stats: Stats = {
  period: { from: '2026-11-01', to: '2026-11-30' },
  totals: { received: 12_345, waiting: 3, routed: 12_000, rejected: 342, routedLate: 7 },
  bySource: { vk: 10_000, ok: 345, telegram: 1_000, pos: 1_000 },
  perDay: [{ date: '2026-11-30', counts: { vk: 1_200, ok: 3, telegram: 4, pos: 5 } }],
  byTopic: [], byTarget: [],
  routeTime: { buckets: [{ label: 'до 15 мин', count: 9 }], medianMinutes: 12.5 },
  operators: [],
} as unknown as Stats;

async function readBook(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

describe('report files', () => {
  it('writes dates and times as Excel dates in the centre\'s time, numbers as numbers', async () => {
    temp = tempDir('xlsx');
    const table = appealListTable([appeal], (id) => (id === 't-zdrav' ? 'Минздрав НСО' : id), UTC7);
    const path = await writeReport(temp.dir, 'spisok.xlsx', 'xlsx', [table], noProgress);
    const sheet = (await readBook(path)).getWorksheet('Обращения')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (name: string): ExcelJS.Cell => sheet.getRow(2).getCell(header.indexOf(name) + 1);

    const received = cell('Получено (НСК)');
    expect(received.type).toBe(ExcelJS.ValueType.Date);
    expect(received.numFmt).toBe(XLSX_FORMATS.dateTime);
    // Excel dates carry no zone: the serial is the wall clock, which exceljs reads back as a Date's UTC fields.
    const wall = received.value as Date;
    expect([wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes()])
      .toEqual([2026, 12, 1, 23, 30]);
    expect((cell('Решение (НСК)').value as Date).toISOString()).toBe('2026-12-02T00:05:00.000Z');
    expect((cell('Срок ответа').value as Date).toISOString()).toBe('2026-12-03T11:00:00.000Z');
    expect(cell('Срок разбора').value).toBeNull();
    expect(cell('Номер').value).toBe('a-00042');
    expect(cell('Текст').type).toBe(ExcelJS.ValueType.String);
  });

  it('writes the monthly report\'s figures as numbers with a grouping format and its days as dates', async () => {
    temp = tempDir('xlsx-monthly');
    const path = await writeReport(temp.dir, 'otchet.xlsx', 'xlsx', monthlyReportTables(stats), noProgress);
    const book = await readBook(path);
    const summary = new Map<string, ExcelJS.Cell>();
    book.getWorksheet('Сводка')!.eachRow((row) => summary.set(String(row.getCell(1).value), row.getCell(2)));
    const received = summary.get('Поступило сообщений')!;
    expect(received.type).toBe(ExcelJS.ValueType.Number);
    expect(received.value).toBe(12_345);
    expect(received.numFmt).toBe(XLSX_FORMATS.count);
    expect(summary.get('Медиана времени до направления, мин')!.value).toBe(12.5);
    expect(summary.get('Период')!.value).toBe('01.11.2026 — 30.11.2026');
    const day = book.getWorksheet('По дням')!.getRow(2);
    expect(day.getCell(1).type).toBe(ExcelJS.ValueType.Date);
    expect(day.getCell(1).numFmt).toBe(XLSX_FORMATS.date);
    expect((day.getCell(1).value as Date).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(day.getCell(6).value).toBe(1_212);
  });

  it('writes CSV dates as «ДД.ММ.ГГГГ чч:мм» text in the centre\'s time and numbers without grouping', async () => {
    temp = tempDir('csv');
    const list = await writeReport(temp.dir, 'spisok.csv', 'csv',
      [appealListTable([appeal], () => 'Минздрав НСО', UTC7)], noProgress);
    const row = readFileSync(list, 'utf8').split('\r\n')[1]!.split(';');
    expect(row.slice(0, 4)).toEqual(['a-00042', 'ВКонтакте', '01.12.2026 23:30', 'Направлено']);
    expect(row[6]).toBe('02.12.2026 00:05');
    expect(row.at(-1)).toBe('"\'=HYPERLINK(""x"") Яма во дворе"');

    const monthly = await writeReport(temp.dir, 'otchet.csv', 'csv', monthlyReportTables(stats), noProgress);
    const text = readFileSync(monthly, 'utf8');
    expect(text).toContain('Поступило сообщений;12345\r\n');
    expect(text).toContain('Медиана времени до направления, мин;12,5\r\n');
    expect(text).toContain('30.11.2026;1200;3;4;5;1212\r\n');
  });

  it('a second export under a taken name is numbered, the first kept; both readable by the user only', async () => {
    temp = tempDir('no-overwrite');
    const list = (label: string) => [appealListTable([appeal], () => label, UTC7)];
    const name = 'spisok-20261204-1657';
    const first = await writeReport(temp.dir, `${name}.xlsx`, 'xlsx', list('МинЖКХ НСО'), noProgress);
    const second = await writeReport(temp.dir, `${name}.xlsx`, 'xlsx', list('Минздрав НСО'), noProgress);
    const csv = [
      await writeReport(temp.dir, `${name}.csv`, 'csv', list('МинЖКХ НСО'), noProgress),
      await writeReport(temp.dir, `${name}.csv`, 'csv', list('Минздрав НСО'), noProgress),
    ];
    expect(readdirSync(temp.dir).sort()).toEqual(
      [`${name} (2).csv`, `${name} (2).xlsx`, `${name}.csv`, `${name}.xlsx`]);
    expect([first, second]).toEqual([join(temp.dir, `${name}.xlsx`), join(temp.dir, `${name} (2).xlsx`)]);
    const target = async (path: string) => {
      const sheet = (await readBook(path)).getWorksheet('Обращения')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      return sheet.getRow(2).getCell(header.indexOf('Адресат') + 1).value;
    };
    expect([await target(first), await target(second)]).toEqual(['МинЖКХ НСО', 'Минздрав НСО']);
    expect(csv.map((path) => readFileSync(path, 'utf8').includes('Минздрав НСО'))).toEqual([false, true]);
    if (process.platform !== 'win32') {
      for (const file of readdirSync(temp.dir)) expect(statSync(join(temp.dir, file)).mode & 0o777).toBe(0o600);
    }
  });
});
