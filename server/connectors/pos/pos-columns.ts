// The documented column mapping of a ПОС export (docs/pos-import.md): which header names, with their accepted
// variants, stand for which field, which fields are required, and how the header row is found — by name, anywhere in
// the first rows of the sheet, never by position (cabinet exports put a title and a period above the table, and the
// column order differs between report templates). Pure.

export const POS_FIELDS = ['number', 'receivedAt', 'text', 'category', 'subcategory', 'address', 'author', 'url',
  'status', 'responsible', 'deadline'] as const;
export type PosField = (typeof POS_FIELDS)[number];

/**
 * Accepted header names per field, most specific first: when a file has two columns for one field (e.g. «Дата
 * поступления» and «Дата»), the earlier variant wins. Compared after normalizeHeader (case, ё, spaces, «№», `*`, `:`).
 * Only exact matches count: «Текст ответа» is not «Текст», «№ п/п» (a row counter) is not the message number.
 */
export const POS_COLUMNS: Record<PosField, readonly string[]> = {
  number: ['Номер сообщения', '№ сообщения', 'Номер обращения', '№ обращения', 'ID сообщения', 'Идентификатор сообщения', 'Номер'],
  receivedAt: ['Дата поступления', 'Дата и время поступления', 'Дата поступления сообщения', 'Дата регистрации',
    'Дата и время регистрации', 'Дата создания', 'Дата подачи', 'Дата сообщения', 'Дата'],
  text: ['Текст сообщения', 'Текст обращения', 'Содержание сообщения', 'Суть сообщения', 'Текст', 'Содержание', 'Описание', 'Сообщение'],
  category: ['Категория', 'Категория сообщения', 'Тематика'],
  subcategory: ['Подкатегория', 'Подкатегория сообщения', 'Подтематика'],
  address: ['Адрес', 'Адрес проблемы', 'Адрес места проблемы', 'Место проблемы', 'Местоположение'],
  author: ['Заявитель', 'ФИО заявителя', 'ФИО', 'Автор', 'Автор сообщения', 'Пользователь'],
  url: ['Ссылка на сообщение', 'Ссылка', 'URL'],
  // Recognised so the header row is found and the report can name them, but not imported: the desk decides the
  // routing itself, and ПОС's own status, responsible body and answer term are the platform's workflow, not the desk's.
  status: ['Статус', 'Статус сообщения'],
  responsible: ['Ответственный', 'Ответственный исполнитель', 'Исполнитель', 'Ответственная организация'],
  deadline: ['Срок', 'Срок ответа', 'Срок рассмотрения', 'Плановая дата ответа'],
};

export const REQUIRED_FIELDS: readonly PosField[] = ['number', 'receivedAt', 'text'];

/** Fields read into the appeal; the rest are recognised only. */
export const IMPORTED_FIELDS: readonly PosField[] = ['number', 'receivedAt', 'text', 'category', 'subcategory', 'address', 'author', 'url'];

/** A header as compared: lower case, ё → е, «№» → «номер», no `*`/`:`/quotes, one space between words. */
export function normalizeHeader(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/№/g, ' номер ')
    .replace(/[*:"«»]/g, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

const VARIANTS = new Map<string, { field: PosField; rank: number }>();
for (const field of POS_FIELDS) {
  POS_COLUMNS[field].forEach((name, rank) => {
    VARIANTS.set(normalizeHeader(name), { field, rank });
  });
}

export interface HeaderMatch {
  /** Column index (0-based) of each recognised field. */
  columns: Partial<Record<PosField, number>>;
  /** The header as written in the file, per recognised field. */
  names: Partial<Record<PosField, string>>;
  /** Non-empty headers that map to no field (reported, not read). */
  ignored: string[];
}

/** What a row of cells would mean as the header row. */
export function matchHeader(cells: readonly string[]): HeaderMatch {
  const best = new Map<PosField, { index: number; rank: number }>();
  const ignored: string[] = [];
  cells.forEach((cell, index) => {
    const variant = VARIANTS.get(normalizeHeader(cell));
    if (!variant) {
      if (cell.trim() !== '') ignored.push(cell.trim());
      return;
    }
    const seen = best.get(variant.field);
    if (seen === undefined || variant.rank < seen.rank) {
      if (seen !== undefined) ignored.push(cells[seen.index]?.trim() ?? '');
      best.set(variant.field, { index, rank: variant.rank });
    } else {
      ignored.push(cell.trim());
    }
  });
  const columns: HeaderMatch['columns'] = {};
  const names: HeaderMatch['names'] = {};
  for (const [field, { index }] of best) {
    columns[field] = index;
    names[field] = cells[index]?.trim() ?? '';
  }
  return { columns, names, ignored };
}

export const hasRequired = (match: HeaderMatch): boolean => REQUIRED_FIELDS.every((f) => match.columns[f] !== undefined);

/** How many rows from the top are searched for the header (a title, a period line and blank rows come first). */
export const HEADER_SEARCH_ROWS = 30;

/** «Номер сообщения», «Дата поступления», «Текст сообщения»: the required fields by their first name, for messages. */
export const requiredNames = (): string => REQUIRED_FIELDS.map((f) => `«${POS_COLUMNS[f][0]}»`).join(', ');
