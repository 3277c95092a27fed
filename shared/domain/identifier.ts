// Identifiers (appeals, targets, users): 1–100 UTF-16 units of well-formed Unicode, without U+0000. A lone surrogate
// cannot be stored faithfully — SQLite writes U+FFFD in its place, so two different ids collide and a push result no
// longer names its outbox row's appeal — and PostgreSQL's text cannot hold U+0000. Desk and server refuse both.
import { z } from 'zod';

// In a `u` regex a surrogate range matches only code units that are not half of a pair.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE.test(text);

export const isWellFormedIdentifier = (id: string): boolean => isWellFormedText(id) && !id.includes('\u0000');

export const Identifier = z.string().min(1).max(100).refine(isWellFormedIdentifier, {
  message: 'недопустимые символы в номере (для ИТ: одиночный суррогат UTF-16 или U+0000)',
});
