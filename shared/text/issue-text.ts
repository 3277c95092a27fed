// What was wrong with an input, in Russian: the API and the desk answer a bad request in Russian («Некорректный запрос:
// …»), and zod's own messages after the colon were English («Too big: expected string to have <=200000 characters»).
// Parsed with RUSSIAN_ISSUES, zod words its messages with its Russian locale. Not set process-wide (z.config): the
// server's own log and its configuration errors for IT are written in English, and stay whole.
import { z } from 'zod';

/** Parse parameters that word zod's messages in Russian: `schema.safeParse(raw, RUSSIAN_ISSUES)`. */
export const RUSSIAN_ISSUES = { error: z.locales.ru().localeError } as const;

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
