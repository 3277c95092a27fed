// The status bar's key hint for the screen on it, made from the live bindings (defaults + the operator's remaps) of
// that screen's scope: on «Очереди» 1–9 re-route, on «Статистика» 1–4 choose the period, and a screen without such
// keys shows only the help key. StatusBar.tsx draws the keycaps; statusHintText is the same hint as one line.
import type { ViewId } from '../../store/state-types.js';
import { keysFor, primaryKeyFor, type ShortcutAction, type ShortcutScope } from '../shortcuts/shortcut-table.js';

/** The scope whose keys work while this screen is on (its grid or list; the search results for «Поиск»). */
export const VIEW_SCOPES: Readonly<Record<ViewId, ShortcutScope>> = {
  inbox: 'inbox', search: 'search', queues: 'queues', stats: 'stats', conflicts: 'conflicts', 'sync-log': 'sync-log',
};

/** One key of a hint: `all` shows every key of the action («1–9»), otherwise its first («↓» of «↓ / J»). */
export interface HintKey {
  scope: ShortcutScope;
  action: ShortcutAction;
  all: boolean;
}

export interface StatusHint {
  keys: readonly HintKey[];
  /** What the keys do, after them: «выбор», «направить», «— все клавиши». */
  words: string;
  /** Shown to a shift lead only: the server takes the keys from a lead alone (an operator's digit is refused). */
  leadOnly?: boolean;
}

const moves = (scope: ShortcutScope): HintKey[] =>
  [{ scope, action: 'move-up', all: false }, { scope, action: 'move-down', all: false }];
const digits = (scope: ShortcutScope, action: ShortcutAction): HintKey[] => [{ scope, action, all: true }];

/** What each screen's digits do, in the words of its own keys (the lead's and the conflicts' re-route an appeal). */
const CANDIDATES: Readonly<Record<ViewId, readonly StatusHint[]>> = {
  inbox: [{ keys: moves('inbox'), words: 'выбор' }, { keys: digits('inbox', 'route-favorite'), words: 'направить' }],
  search: [{ keys: moves('search'), words: 'выбор' }, { keys: digits('search', 'route-favorite'), words: 'направить' }],
  queues: [{ keys: moves('queues'), words: 'выбор' }, { keys: digits('queues', 'route-favorite'), words: 'перенаправить' }],
  // A conflict is a colleague's decision, which only a lead may change (shared/domain/appeal.ts mayDecide); the screen's
  // footer offers an operator the rare exception, their own decision (trial of 4 December: the bar offered «1–9»).
  conflicts: [{ keys: moves('conflicts'), words: 'выбор' },
    { keys: digits('conflicts', 'route-favorite'), words: 'перенаправить', leadOnly: true }],
  stats: [{ keys: digits('stats', 'choose-period'), words: 'период' }],
  'sync-log': [{ keys: moves('sync-log'), words: 'выбор' }],
};

const HELP: StatusHint = { keys: [{ scope: 'global', action: 'open-help', all: true }], words: '— все клавиши' };

/** The keycap text of one hint key, from the live table ('' when the action is not bound there). */
export function hintKeyLabel(key: HintKey): string {
  return key.all ? keysFor(key.scope, key.action) : primaryKeyFor(key.scope, key.action);
}

/** The hints for this screen: only those whose keys are all bound in its scope (and are for this role), then help. */
export function statusHints(view: ViewId, lead: boolean): StatusHint[] {
  const bound = CANDIDATES[view].filter((hint) => (lead || hint.leadOnly !== true)
    && hint.keys.every((key) => hintKeyLabel(key) !== ''));
  return [...bound, HELP];
}

/** Hints as one line, «↑ ↓ выбор · 1–9 направить · ? — все клавиши» (the bar's tooltip, from the hints it draws). */
export function hintsText(hints: readonly StatusHint[]): string {
  return hints.map((hint) => `${hint.keys.map(hintKeyLabel).join(' ')} ${hint.words}`).join(' · ');
}

/** The hint of this screen as one line (for tests). */
export const statusHintText = (view: ViewId, lead: boolean): string => hintsText(statusHints(view, lead));
