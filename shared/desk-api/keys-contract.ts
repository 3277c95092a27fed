// Desk API of the operator's remapped shortcuts (issue 13): the overrides on top of the renderer's default key table,
// kept per operator in the core's cache and loaded at sign-in. Spread into DESK_METHODS in contract.ts.
// The core stores what it is given after this validation; which scope/action pairs exist and which chords are
// allowed (clashes, reserved keys) is the renderer's key table's business, and it drops overrides it does not know.
import { z } from 'zod';
import { EmptyInput, type MethodTable } from './method-table.js';

/**
 * KeyboardEvent.code values a shortcut may use: letters, digits, numpad, function keys, navigation and punctuation
 * keys. Modifier keys are never a chord's code (they are its ctrl/shift flags), nor is anything unknown.
 */
export const KEY_CODE_PATTERN = new RegExp('^(?:'
  + 'Key[A-Z]|Digit[0-9]|Numpad(?:[0-9]|Enter|Add|Subtract|Multiply|Divide|Decimal)|F(?:[1-9]|1[0-9]|2[0-4])'
  + '|Arrow(?:Up|Down|Left|Right)|Page(?:Up|Down)|Home|End|Insert|Delete|Backspace|Enter|Escape|Space|Tab'
  + '|Minus|Equal|BracketLeft|BracketRight|Backslash|Semicolon|Quote|Backquote|Comma|Period|Slash|IntlBackslash'
  + ')$');

export const KeyCode = z.string().regex(KEY_CODE_PATTERN, 'неизвестная клавиша');

export const KeyChordSchema = z.object({
  code: KeyCode,
  ctrl: z.boolean().optional(),
  shift: z.boolean().optional(),
}).strict();

/** Lowercase words joined by hyphens, as the key table names its scopes and actions ('inbox', 'route-suggestion-2'). */
const TableName = z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/).max(40);

/** One action in one scope bound to these chords instead of its default ones. */
export const KeyOverride = z.object({
  scope: TableName,
  action: TableName,
  chords: z.array(KeyChordSchema).min(1).max(4),
}).strict();
export type KeyOverride = z.infer<typeof KeyOverride>;

/** Far more than the table has rows: a bound, not a design limit. */
export const MAX_KEY_OVERRIDES = 300;

const Overrides = z.array(KeyOverride).max(MAX_KEY_OVERRIDES).refine(
  (list) => new Set(list.map((o) => `${o.scope}/${o.action}`)).size === list.length,
  { message: 'одно действие переназначено дважды' },
);

export const KEYS_METHODS = {
  /** The signed-in operator's overrides; [] = the default keys. */
  'keys.get': { input: EmptyInput, output: z.object({ overrides: Overrides }) },
  /** Replaces the signed-in operator's overrides as a whole ([] resets every key). */
  'keys.set': { input: z.object({ overrides: Overrides }).strict(), output: z.object({ overrides: Overrides }) },
} as const satisfies MethodTable;
