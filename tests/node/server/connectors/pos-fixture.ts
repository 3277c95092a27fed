// The ПОС import under test: the fixture exports (tests/fixtures/connectors/pos), an XLSX export built with exceljs
// the way a spreadsheet holds one (a title above the header, real date cells, numbers as numbers, a hyperlink), and
// a real HTTP client uploading to the real server (server-fixture.ts: SQLite, or PostgreSQL in node-postgres).
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { ChangesResponse } from '../../../../shared/central-api/contract.js';
import type { Appeal } from '../../../../shared/domain/appeal.js';
import type { Fixture } from '../server-fixture.js';

const FIXTURES = new URL('../../../fixtures/connectors/pos/', import.meta.url);
export const fixturePath = (name: string): string => new URL(name, FIXTURES).pathname;
export const fixtureBytes = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel's serial day number of a wall-clock time given as UTC fields. */
const excelSerial = (wallUtcMs: number): number => wallUtcMs / 86_400_000 + 25569;

/** An export as a cabinet's XLSX might lay it out: title in row 1, header in row 3, columns in another order. */
export async function posXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Сообщения');
  const setRow = (n: number, values: ExcelJS.CellValue[]) => values.forEach((value, i) => {
    sheet.getRow(n).getCell(i + 1).value = value;
  });
  setRow(1, ['Выгрузка сообщений Платформы обратной связи, 30.11.2025']);
  setRow(3, ['Статус', 'Текст сообщения', 'Номер сообщения', 'Дата поступления', 'Категория', 'Подкатегория', 'Заявитель']);
  // A date cell: exceljs writes the Date's UTC fields as Excel's zone-less wall-clock time.
  setRow(4, ['Зарегистрировано', 'Не работает светофор на перекрёстке Красного проспекта и Гоголя', 184600001,
    new Date(Date.UTC(2025, 10, 30, 8, 0)), 'Дороги', 'Светофоры', 'Кузнецов Игорь']);
  sheet.getCell('D4').numFmt = 'dd.mm.yyyy hh:mm';
  // The number as a hyperlink to the message, the date as text, the text as rich text.
  setRow(5, ['На рассмотрении', { richText: [{ text: 'Во дворе ' }, { font: { bold: true }, text: 'не убран снег' }, { text: ' с понедельника' }] },
    { text: '184600002', hyperlink: 'https://pos.gosuslugi.ru/lkp/messages/184600002' }, '30.11.2025 09:15', 'ЖКХ', 'Уборка снега', '']);
  // A date column left as a plain number (Excel's serial day), 12:00 wall-clock time.
  setRow(6, ['Зарегистрировано', 'Когда починят лифт в доме 3 по ул. Титова?', 184600003, excelSerial(Date.UTC(2025, 10, 30, 12, 0)),
    'ЖКХ', 'Лифты', 'Морозова Е.']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface UploadResult {
  status: number;
  body: unknown;
}

export async function upload(fx: Fixture, bytes: Uint8Array, opts: { token?: string; type?: string; file?: string } = {}): Promise<UploadResult> {
  const headers: Record<string, string> = { 'content-type': opts.type ?? 'text/csv' };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  const query = opts.file === undefined ? '' : `?file=${encodeURIComponent(opts.file)}`;
  const res = await fetch(`${fx.server.url}/api/v1/connectors/pos/import${query}`, { method: 'POST', headers, body: new Uint8Array(bytes) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) as unknown };
}

/** Every appeal the server holds as a desk pulls them, and the change head. */
export async function pulled(fx: Fixture, token: string): Promise<{ appeals: Appeal[]; head: string | undefined }> {
  const page = ChangesResponse.parse((await fx.call('GET', '/changes?limit=1000', { token })).body);
  return { appeals: page.appeals, head: page.head };
}

export const byId = (appeals: readonly Appeal[]): Map<string, Appeal> => new Map(appeals.map((a) => [a.id, a]));
