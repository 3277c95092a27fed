// One row of a ПОС export as a new appeal, or the reason (in Russian, for the report) why it is refused. Pure: the
// centre's UTC offset, the channel's fallback URL and «now» come in as options.
//
// What the desk shows of a ПОС message:
// - id `pos:{номер сообщения}` — the platform's own number, so a re-import of the same message is the same appeal;
// - channel «Госуслуги · Решаем вместе», linked to the message's own page when the export gives one on gosuslugi.ru
//   (a «Ссылка» column, or a hyperlink on the number cell), else to the cabinet's base URL;
// - author: the applicant's name as the export gives it and nothing else (no e-mail, phone or address of the person);
// - text: the message text as written, after a first line «Категория / Подкатегория · Адрес: …» when the export has
//   those columns — the desk has no other field for them, and they are what an operator routes a ПОС message by;
// - receivedAt: the date column; a time without an offset is the centre's wall-clock time (utcOffsetMinutes).
import { Appeal, MAX_TEXT_LENGTH, SOURCE_LABELS } from '../../../shared/domain/appeal.js';
import { countRu, type RuForms } from '../../../shared/text/plural-ru.js';
import type { PosField } from './pos-columns.js';
import type { Cell } from './pos-table.js';
import { describeIssues, RUSSIAN_ISSUES } from '../../../shared/text/issue-text.js';

/** The platform's public site: the channel's link when a message has no page of its own in the export. */
export const POS_BASE_URL = 'https://pos.gosuslugi.ru/';
export const POS_CHANNEL_NAME = SOURCE_LABELS.pos;
/** The author when the export has no applicant column or leaves it empty. */
export const POS_UNKNOWN_AUTHOR = 'Пользователь Госуслуг';

export interface PosRowOptions {
  utcOffsetMinutes: number;
  /** The channel's link for a message without its own (default POS_BASE_URL). */
  channelUrl: string;
  /** Dates later than a day after this are refused (a misread day and month). */
  nowMs: number;
}

export type RowResult =
  | { ok: true; number: string; appeal: Appeal }
  | { ok: false; number?: string; reason: string };

const CHARACTER_FORMS: RuForms = { one: 'символ', few: 'символа', many: 'символов' };
const MINUTE = 60_000;
const DAY = 86_400_000;
/** Excel's day 0 is 1899-12-30: serial 25569 is 1970-01-01. */
const EXCEL_EPOCH_SERIAL = 25569;
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

const quote = (value: string): string => `«${value.length > 40 ? `${value.slice(0, 40)}…` : value}»`;

/** Milliseconds of a wall-clock time given as UTC fields, or undefined when a field is out of range (31.02, 25:00). */
function wallClock(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, frac = 0): number | undefined {
  if (y < MIN_YEAR || y > MAX_YEAR || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s, frac);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : undefined;
}

const RU_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** The instant of a date cell, or why it cannot be read. */
export function receivedAtOf(cell: Cell, utcOffsetMinutes: number): { ms: number } | { error: string } {
  const local = (wall: number | undefined) => (wall === undefined ? undefined : wall - utcOffsetMinutes * MINUTE);
  let ms: number | undefined;
  if (cell.date !== undefined) {
    ms = Number.isNaN(cell.date.getTime()) ? undefined : local(cell.date.getTime());
  } else if (cell.number !== undefined) {
    const wall = Math.round((cell.number - EXCEL_EPOCH_SERIAL) * DAY / 1000) * 1000;
    const year = new Date(wall).getUTCFullYear();
    ms = year >= MIN_YEAR && year <= MAX_YEAR ? local(wall) : undefined;
  } else {
    const text = cell.text.trim().replace(/\s+/g, ' ');
    if (text === '') return { error: 'нет даты поступления' };
    const ru = RU_DATE.exec(text);
    const iso = ru ? null : ISO_DATE.exec(text);
    if (ru) {
      ms = local(wallClock(Number(ru[3]), Number(ru[2]), Number(ru[1]), Number(ru[4] ?? 0), Number(ru[5] ?? 0), Number(ru[6] ?? 0)));
    } else if (iso) {
      const frac = iso[7] ? Math.floor(Number(`0.${iso[7]}`) * 1000) : 0;
      const wall = wallClock(Number(iso[1]), Number(iso[2]), Number(iso[3]), Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0), frac);
      const zone = iso[8];
      if (zone === undefined) ms = local(wall);
      else if (wall !== undefined) {
        const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
        const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
        ms = wall - offset * MINUTE;
      }
    }
    if (ms === undefined) return { error: `дата ${quote(text)} не распознана (ожидается ДД.ММ.ГГГГ чч:мм)` };
  }
  if (ms === undefined) return { error: `дата ${quote(cell.text)} не распознана (ожидается ДД.ММ.ГГГГ чч:мм)` };
  return { ms };
}

const NUMBER = /^[\p{L}\p{N}][\p{L}\p{N}._/-]{0,63}$/u;

/** The platform's message number: digits (a grouped «1 234 567» and a leading «№» are tolerated), or why not. */
export function messageNumberOf(cell: Cell): { number: string } | { error: string } {
  if (cell.number !== undefined && cell.date === undefined) {
    return Number.isSafeInteger(cell.number) && cell.number >= 0
      ? { number: String(cell.number) }
      : { error: `номер ${quote(cell.text)} — не целое число` };
  }
  const text = cell.text.trim().replace(/^№\s*/, '').replace(/[\s\u00a0\u202f]+/g, '');
  if (text === '') return { error: 'нет номера сообщения' };
  return NUMBER.test(text) ? { number: text } : { error: `номер ${quote(cell.text.trim())} не похож на номер сообщения ПОС` };
}

/** A link to the message on the platform: https on gosuslugi.ru only, anything else is not the platform's. */
function platformUrl(value: string | undefined): string | undefined {
  const text = value?.trim() ?? '';
  if (text === '' || text.length > 2048) return undefined;
  try {
    const url = new URL(text);
    const host = url.hostname.toLowerCase();
    return url.protocol === 'https:' && (host === 'gosuslugi.ru' || host.endsWith('.gosuslugi.ru')) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

// A UTF-16 unit that is half of a pair with its other half missing: stored as U+FFFD, as the VK connector does.
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu;
const oneLine = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD').replace(/\s+/g, ' ').trim();

/** The appeal a data row stands for, or why it is refused. `columns` maps the recognised fields to cell indexes. */
export function appealOfRow(cells: readonly Cell[], columns: Partial<Record<PosField, number>>, opts: PosRowOptions): RowResult {
  const cell = (field: PosField): Cell | undefined => {
    const index = columns[field];
    return index === undefined ? undefined : cells[index];
  };
  const numberCell = cell('number') ?? { text: '' };
  const parsedNumber = messageNumberOf(numberCell);
  if ('error' in parsedNumber) return { ok: false, reason: parsedNumber.error };
  const { number } = parsedNumber;

  const received = receivedAtOf(cell('receivedAt') ?? { text: '' }, opts.utcOffsetMinutes);
  if ('error' in received) return { ok: false, number, reason: received.error };
  if (received.ms > opts.nowMs + DAY) {
    const day = new Date(received.ms + opts.utcOffsetMinutes * MINUTE).toISOString().slice(0, 10).split('-').reverse().join('.');
    return { ok: false, number, reason: `дата поступления ${day} ещё не наступила (перепутаны день и месяц?)` };
  }

  const body = (cell('text')?.text ?? '').replace(/\r\n?/g, '\n').replace(LONE_SURROGATE, '\uFFFD').trim();
  if (body === '') return { ok: false, number, reason: 'пустой текст сообщения' };
  const category = oneLine(cell('category')?.text ?? '');
  const subcategory = oneLine(cell('subcategory')?.text ?? '');
  const address = oneLine(cell('address')?.text ?? '');
  const topic = [category, subcategory].filter((s) => s !== '').join(' / ');
  const head = [topic, address === '' ? '' : `Адрес: ${address}`].filter((s) => s !== '').join(' · ');
  const text = head === '' ? body : `${head}\n\n${body}`;
  if (text.length > MAX_TEXT_LENGTH) {
    return { ok: false, number, reason: `текст длиннее допустимого: ${countRu(text.length, CHARACTER_FORMS)} при пределе ${countRu(MAX_TEXT_LENGTH, CHARACTER_FORMS)}` };
  }

  const author = oneLine(cell('author')?.text ?? '').slice(0, 500);
  const url = platformUrl(cell('url')?.link ?? cell('url')?.text) ?? platformUrl(numberCell.link) ?? opts.channelUrl;
  const appeal: Appeal = {
    id: `pos:${number}`,
    source: 'pos',
    channel: { name: POS_CHANNEL_NAME, url },
    author: { name: author === '' ? POS_UNKNOWN_AUTHOR : author },
    text,
    attachments: [],
    receivedAt: new Date(received.ms).toISOString(),
    status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null, routedAt: null,
  };
  // The last guard of «never a partial appeal»: what goes to the store is a whole, valid appeal.
  const checked = Appeal.safeParse(appeal, RUSSIAN_ISSUES);
  if (!checked.success) return { ok: false, number, reason: `строка не складывается в обращение: ${describeIssues(checked.error, 'обращение', 1)}` };
  return { ok: true, number, appeal };
}
