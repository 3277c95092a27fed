// What was wrong with an input, in Russian: the API and the desk answer a bad request in Russian («Некорректный запрос:
// …»), and zod's own messages after the colon were English («Too big: expected string to have <=200000 characters»).
// Parsed with RUSSIAN_ISSUES, zod words its messages with its Russian locale. Not set process-wide (z.config): the
// server's own log and its configuration errors for IT are written in English, and stay whole.
import { z } from 'zod';

const russian = z.locales.ru().localeError;

/** Types as zod names them (the schema's and `typeof`-like names of the input), in Russian, quoted after «тип». */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'строка', number: 'число', int: 'целое число', bigint: 'число', boolean: 'да/нет',
  object: 'объект', array: 'массив', null: 'null', nan: 'NaN', NaN: 'NaN', date: 'дата',
  symbol: 'символ', function: 'функция', map: 'Map', set: 'Set', file: 'файл',
};

/** The input's type, named as `TYPE_NAMES` names it. */
function typeOf(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
  return typeof input;
}

/**
 * zod's Russian locale, except a wrong type: it leaves both type names English («ожидалось число, получено string»,
 * an IT trial of 6 December), so that one is worded here.
 */
const russianIssue: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    // «тип «число»» agrees whatever the type's own gender: «ожидалось число, получено строка» did not (a second read).
    const name = (type: string): string => `«${TYPE_NAMES[type] ?? type}»`;
    if (issue.input === undefined) return `Нет значения: ожидался тип ${name(issue.expected)}`;
    return `Неверный ввод: ожидался тип ${name(issue.expected)}, получен ${name(typeOf(issue.input))}`;
  }
  return russian(issue);
};

/** Parse parameters that word zod's messages in Russian: `schema.safeParse(raw, RUSSIAN_ISSUES)`. */
export const RUSSIAN_ISSUES = { error: russianIssue } as const;

/** A field's path as code writes it: «appeals[0].source»; empty for the input itself. */
export function pathText(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

/**
 * The first issues, each «path: message» (`root` names the input itself). Zod's messages name the expected type and
 * the allowed values, never the value given, so no citizen text is echoed.
 */
export function describeIssues(error: z.ZodError, root = 'ввод', limit = 3): string {
  const shown = error.issues.slice(0, limit).map((issue) => `${pathText(issue.path) || root}: ${issue.message}`);
  const more = error.issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (и ещё ${more})` : shown.join('; ');
}
