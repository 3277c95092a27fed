// Well-formed Unicode for every string a request of the contract carries. A lone UTF-16 surrogate cannot be stored
// faithfully: SQLite turns it into U+FFFD in a key column while the JSON keeps it, so two different ids collide.
// Identifiers (ids, logins) also refuse U+0000: PostgreSQL's text cannot hold it, so one engine would store what the
// other refuses. Citizen text may carry it: it is kept, escaped, inside the stored JSON on both engines.
import { z } from 'zod';
import { isWellFormedText } from '../domain/identifier.js';
import { pathText } from '../text/issue-text.js';

export { isWellFormedText };

type Path = (string | number)[];

/** Fields that name things (keys, logins), wherever they sit in a request, and arrays of them. */
const IDENTIFIER_KEYS = new Set(['id', 'appealId', 'appealIds', 'targetId', 'login']);
const isIdentifierPath = (path: Path): boolean => {
  const key = path.findLast((part) => typeof part === 'string');
  return typeof key === 'string' && IDENTIFIER_KEYS.has(key);
};

/** Paths of the strings in `value` (a parsed request) that are not well-formed; empty when all are. */
export function illFormedStringPaths(value: unknown, path: Path = [], found: Path[] = []): Path[] {
  if (typeof value === 'string') {
    if (!isWellFormedText(value) || (isIdentifierPath(path) && value.includes('\u0000'))) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => illFormedStringPaths(item, [...path, i], found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) illFormedStringPaths(item, [...path, key], found);
  }
  return found;
}

const describePath = (path: Path): string => pathText(path) || '(тело)';

/**
 * The same schema, refusing any string inside (at any depth, including fields borrowed from shared/domain) that is not
 * well-formed Unicode; each issue names the field.
 */
export function wellFormedStrings<T extends z.ZodType>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    for (const path of illFormedStringPaths(value)) {
      ctx.addIssue({
        code: 'custom', path,
        message: `Поле ${describePath(path)}: недопустимые символы в тексте (для ИТ: одиночный суррогат UTF-16 или U+0000 в идентификаторе)`,
      });
    }
  });
}
