// The conflict checker of remapped keys (issue 13): which chord an operator may give an action. Pure functions over a
// table of shortcuts, so the rules are unit-tested without a browser:
//  - no two actions on one chord where both are live at once: the same scope, or a `global` chord and any scope the
//    global keys are live in (use-global-keys.ts listens whenever the app's own dialog is closed — the section
//    screens and the dialogs they open themselves: picker, reject, saved searches);
//  - reserved chords are refused with the reason: the OS's, the browser's and Electron's keys the desk must not take;
//  - in a text-entry scope a key that types or edits text stays the field's.
import { KEY_CODE_PATTERN } from '../../../../shared/desk-api/keys-contract.js';
import {
  applyOverrides, boundScopes, chordLabel, followsAnother, isRemappable, SCOPE_TITLES, type KeyChord, type KeyInput, type KeyOverride, type Shortcut,
  type ShortcutAction, type ShortcutScope,
} from './shortcut-table.js';

/**
 * Scopes that only ever open as the app's modal dialog (desk-store `dialog`): use-global-keys.ts is inactive there,
 * so a global chord may mean something else inside (the help closes with «?», the key that opened it). Strings, not
 * ShortcutScope: a dialog renamed elsewhere only makes the checker stricter, never breaks the build.
 */
const GLOBAL_QUIET_SCOPES: ReadonlySet<string> = new Set(['help', 'sign-out', 'keymap', 'palette', 'favorites',
  'photo-viewer']);

/** Scopes whose keys go to a text field: typing and caret keys stay text (use-shortcut-scope.ts lets them opt in). */
export const TEXT_ENTRY_SCOPES: ReadonlySet<string> = new Set(['search-box', 'picker', 'search-save', 'palette']);

/** Two scopes whose keys can be live at the same moment. */
export function scopesMeet(a: ShortcutScope, b: ShortcutScope): boolean {
  if (a === b) return true;
  if (a === 'global') return !GLOBAL_QUIET_SCOPES.has(b);
  if (b === 'global') return !GLOBAL_QUIET_SCOPES.has(a);
  return false;
}

const sameChord = (a: KeyChord, b: KeyChord): boolean =>
  a.code === b.code && (a.ctrl ?? false) === (b.ctrl ?? false) && (a.shift ?? false) === (b.shift ?? false);

/** Which modifiers a reserved chord needs: exactly these (Ctrl here is Ctrl or ⌘, as the resolver reads them). */
type Mods = '' | 'ctrl' | 'shift' | 'ctrl+shift';
interface Reserved { code: string; mods: readonly Mods[]; why: string }

// Everywhere. Alt combinations never reach the table (the resolver ignores Alt: window menus, AltGr = Ctrl+Alt on
// Windows layouts, Ctrl+Alt+Del), and the Win/⌘ key counts as Ctrl, so neither needs a row here.
const RESERVED: readonly Reserved[] = [
  // Keyboard-only work needs the focus order: Tab and Shift+Tab move between fields and buttons.
  { code: 'Tab', mods: ['', 'shift'], why: 'переход между полями и кнопками' },
  // Chromium switches tabs/windows with these; in the browser workstation the page never sees them.
  { code: 'Tab', mods: ['ctrl', 'ctrl+shift'], why: 'переключение вкладок и окон' },
  // Closes the window (or the browser tab of the browser workstation) — and Chromium does not let a page keep it.
  { code: 'KeyW', mods: ['ctrl', 'ctrl+shift'], why: 'закрывает окно' },
  { code: 'F4', mods: ['ctrl'], why: 'закрывает окно' },
  // Quits the app (⌘Q on a Mac, which the resolver reads as Ctrl+Q).
  { code: 'KeyQ', mods: ['ctrl'], why: 'закрывает приложение' },
  // Reloads the window in the browser workstation and in a development build: unsaved input would be lost.
  // F5 stays the desk's own «Синхронизировать сейчас» (the app intercepts it by design).
  { code: 'KeyR', mods: ['ctrl', 'ctrl+shift'], why: 'перезагружает окно' },
  // Developer tools (Electron and Chromium): support needs them reachable.
  { code: 'KeyI', mods: ['ctrl+shift'], why: 'инструменты разработчика' },
  { code: 'KeyJ', mods: ['ctrl+shift'], why: 'инструменты разработчика' },
  { code: 'KeyC', mods: ['ctrl+shift'], why: 'инструменты разработчика' },
  { code: 'F12', mods: ['', 'shift', 'ctrl', 'ctrl+shift'], why: 'инструменты разработчика' },
  // Full screen.
  { code: 'F11', mods: ['', 'shift', 'ctrl', 'ctrl+shift'], why: 'полноэкранный режим' },
  // New window / tab and reopening a closed tab: Chromium never hands these to a page.
  { code: 'KeyN', mods: ['ctrl', 'ctrl+shift'], why: 'новое окно браузера' },
  { code: 'KeyT', mods: ['ctrl', 'ctrl+shift'], why: 'новая вкладка браузера' },
  // Zoom: an operator with poor sight must always be able to enlarge the text.
  { code: 'Equal', mods: ['ctrl', 'ctrl+shift'], why: 'масштаб окна' },
  { code: 'Minus', mods: ['ctrl', 'ctrl+shift'], why: 'масштаб окна' },
  { code: 'Digit0', mods: ['ctrl'], why: 'масштаб окна' },
  { code: 'NumpadAdd', mods: ['ctrl'], why: 'масштаб окна' },
  { code: 'NumpadSubtract', mods: ['ctrl'], why: 'масштаб окна' },
  { code: 'Numpad0', mods: ['ctrl'], why: 'масштаб окна' },
  // Copying a piece of an appeal's text (an address, a phone) works everywhere.
  { code: 'KeyC', mods: ['ctrl'], why: 'копирование текста' },
];

// In a text-entry scope, on top of the above: editing commands of the field.
const RESERVED_IN_TEXT: readonly Reserved[] = [
  { code: 'KeyA', mods: ['ctrl'], why: 'выделить весь текст поля' },
  { code: 'KeyV', mods: ['ctrl', 'ctrl+shift'], why: 'вставить текст' },
  { code: 'KeyX', mods: ['ctrl'], why: 'вырезать текст' },
  { code: 'KeyZ', mods: ['ctrl', 'ctrl+shift'], why: 'отмена правки в поле' },
  { code: 'KeyY', mods: ['ctrl'], why: 'повтор правки в поле' },
  ...['Backspace', 'Delete', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].map((code): Reserved => ({
    code, mods: ['', 'shift', 'ctrl', 'ctrl+shift'], why: 'правка текста в поле',
  })),
];

/** Keys that type a character in a text field (alone or with Shift), by KeyboardEvent.code. */
const PRINTABLE = /^(?:Key[A-Z]|Digit[0-9]|Numpad(?:[0-9]|Add|Subtract|Multiply|Divide|Decimal)|Space|Minus|Equal|BracketLeft|BracketRight|Backslash|Semicolon|Quote|Backquote|Comma|Period|Slash|IntlBackslash)$/;

const modsOf = (chord: KeyChord): Mods => {
  const ctrl = chord.ctrl === true;
  const shift = chord.shift === true;
  if (ctrl && shift) return 'ctrl+shift';
  if (ctrl) return 'ctrl';
  return shift ? 'shift' : '';
};

/**
 * True when this chord types or edits text in a field (a letter, Shift+digit, Backspace, ←, Ctrl+V …): global keys
 * are live while a text field has the focus (use-shortcut-scope.ts), and such a chord there stays the field's — so
 * «?» types a question mark in the search box, and a global action remapped to a letter never eats typing.
 */
export function editsText(chord: KeyChord): boolean {
  const mods = modsOf(chord);
  if ((mods === '' || mods === 'shift') && PRINTABLE.test(chord.code)) return true;
  return RESERVED_IN_TEXT.some((r) => r.code === chord.code && r.mods.includes(mods));
}

/** Why this chord cannot be given to an action in this scope, or null when it may be. */
export function reservedReason(scope: ShortcutScope, chord: KeyChord): string | null {
  if (!KEY_CODE_PATTERN.test(chord.code)) return 'эту клавишу назначить нельзя';
  const mods = modsOf(chord);
  const hit = (list: readonly Reserved[]) => list.find((r) => r.code === chord.code && r.mods.includes(mods));
  const reserved = hit(RESERVED);
  if (reserved) return `${chordLabel(chord)} — ${reserved.why}`;
  if (TEXT_ENTRY_SCOPES.has(scope)) {
    if ((mods === '' || mods === 'shift') && PRINTABLE.test(chord.code)) {
      return `${chordLabel(chord)} печатает текст в поле ввода («${SCOPE_TITLES[scope]}»)`;
    }
    const text = hit(RESERVED_IN_TEXT);
    if (text) return `${chordLabel(chord)} — ${text.why} («${SCOPE_TITLES[scope]}»)`;
  }
  return null;
}

/** Why the chord cannot bind (scope, action) in any scope that binding reaches (its followers too), or null. */
function reservedAcross(scope: ShortcutScope, action: ShortcutAction, chord: KeyChord): string | null {
  return boundScopes(scope, action).map((sc) => reservedReason(sc, chord)).find((r) => r !== null) ?? null;
}

/** The other shortcut answering this chord where (scope, action) binds it (its followers too), or null. */
function clashAcross(table: readonly Shortcut[], scope: ShortcutScope, action: ShortcutAction,
  chord: KeyChord): Shortcut | null {
  return boundScopes(scope, action).map((sc) => clashWith(table, sc, action, chord)).find((o) => o !== null) ?? null;
}

/** The other shortcut that would answer this chord at the same time as (scope, action), or null. */
export function clashWith(table: readonly Shortcut[], scope: ShortcutScope, action: ShortcutAction,
  chord: KeyChord): Shortcut | null {
  return table.find((s) => !(s.scope === scope && s.action === action) && scopesMeet(s.scope, scope)
    && s.chords.some((c) => sameChord(c, chord))) ?? null;
}

export type ChordVerdict =
  | { ok: true }
  | { ok: false; kind: 'fixed' | 'reserved' | 'clash' | 'same'; message: string };

/** May (scope, action) take this chord in this table? The message is what the operator reads. */
export function checkChord(table: readonly Shortcut[], scope: ShortcutScope, action: ShortcutAction,
  chord: KeyChord): ChordVerdict {
  const own = table.find((s) => s.scope === scope && s.action === action);
  if (own === undefined || !isRemappable(own)) {
    return { ok: false, kind: 'fixed', message: 'Клавиши этого действия не переназначаются' };
  }
  if (followsAnother(own)) {
    return { ok: false, kind: 'fixed', message: 'Эти клавиши меняются вместе с теми же действиями списка обращений' };
  }
  // The chord binds every scope that follows this one too: it must be free and allowed in each.
  const reserved = reservedAcross(scope, action, chord);
  if (reserved !== null) return { ok: false, kind: 'reserved', message: `Нельзя: ${reserved}` };
  const other = clashAcross(table, scope, action, chord);
  if (other !== null) {
    const where = other.scope === scope ? '' : ` (${SCOPE_TITLES[other.scope]})`;
    return { ok: false, kind: 'clash', message: `Уже занято: ${chordLabel(chord)} — ${other.label}${where}` };
  }
  if (own.chords.some((c) => sameChord(c, chord))) {
    return { ok: false, kind: 'same', message: `${chordLabel(chord)} уже назначена этому действию` };
  }
  return { ok: true };
}

/** Every pair of shortcuts answering one chord at the same time: «scope/action ↔ scope/action: chord». */
export function findClashes(table: readonly Shortcut[]): string[] {
  const out: string[] = [];
  table.forEach((a, i) => {
    for (const b of table.slice(i + 1)) {
      if (!scopesMeet(a.scope, b.scope)) continue;
      for (const c of a.chords) {
        if (b.chords.some((d) => sameChord(c, d))) out.push(`${a.scope}/${a.action} ↔ ${b.scope}/${b.action}: ${chordLabel(c)}`);
      }
    }
  });
  return out;
}

const MODIFIER_CODES = /^(?:Shift|Control|Alt|Meta|OS)(?:Left|Right)?$|^(?:AltGraph|CapsLock|NumLock|ScrollLock|Fn|FnLock)$/;

/**
 * The chord a key press asks for, as the resolver will read it (⌘/Win counts as Ctrl): null while only a modifier is
 * down (wait for the key), or the refusal when Alt is held — Alt combinations belong to the system.
 */
export function chordOfKey(key: KeyInput): { chord: KeyChord } | { refused: string } | null {
  if (MODIFIER_CODES.test(key.code) || key.code === '') return null;
  if (key.altKey) return { refused: 'Нельзя: сочетания с Alt заняты системой и меню окна' };
  const chord: KeyChord = { code: key.code };
  if (key.ctrlKey || key.metaKey) chord.ctrl = true;
  if (key.shiftKey) chord.shift = true;
  return { chord };
}

/** An override as the desk API carries it: names not yet known to be the table's. */
export interface StoredOverride {
  scope: string;
  action: string;
  chords: readonly { code: string; ctrl?: boolean | undefined; shift?: boolean | undefined }[];
}

/**
 * Overrides as stored (the core keeps what it was given) put through the same rules against the table they build
 * together, so an unknown or fixed action, a reserved chord, or a stored remap that a later default row now clashes
 * with is dropped rather than binding one chord twice. Order-free: a swap made in two steps reads back the same.
 */
export function acceptedOverrides(defaults: readonly Shortcut[],
  stored: readonly StoredOverride[]): KeyOverride[] {
  let candidates: KeyOverride[] = [];
  for (const o of stored) {
    const own = defaults.find((s) => s.scope === o.scope && s.action === o.action);
    // A follower's own override (stored before the search results took the inbox's keys) is dropped, not obeyed.
    if (own === undefined || !isRemappable(own) || followsAnother(own) || o.chords.length === 0) continue;
    if (candidates.some((c) => c.scope === own.scope && c.action === own.action)) continue;
    const chords = o.chords.map((c): KeyChord => ({
      code: c.code, ...(c.ctrl === true ? { ctrl: true } : {}), ...(c.shift === true ? { shift: true } : {}),
    }));
    const twice = chords.some((c, i) => chords.findIndex((d) => sameChord(c, d)) !== i);
    if (twice || chords.some((c) => reservedAcross(own.scope, own.action, c) !== null)) continue;
    candidates.push({ scope: own.scope, action: own.action, chords });
  }
  for (;;) {
    const table = applyOverrides(defaults, candidates);
    const clashing = candidates.find((o) => o.chords.some((c) => clashAcross(table, o.scope, o.action, c) !== null));
    if (clashing === undefined) return candidates;
    candidates = candidates.filter((o) => o !== clashing);
  }
}

/**
 * The overrides with (scope, action) bound to these chords: moved to the end (the newest change last), or dropped
 * when the chords are the defaults again, so «по умолчанию» leaves nothing stored.
 */
export function withChords(defaults: readonly Shortcut[], overrides: readonly KeyOverride[], scope: ShortcutScope,
  action: ShortcutAction, chords: readonly KeyChord[] | null): KeyOverride[] {
  const rest = overrides.filter((o) => !(o.scope === scope && o.action === action));
  const own = defaults.find((s) => s.scope === scope && s.action === action);
  if (chords === null || own === undefined) return rest;
  const isDefault = chords.length === own.chords.length && chords.every((c, i) => {
    const d = own.chords[i];
    return d !== undefined && sameChord(c, d);
  });
  return isDefault ? rest : [...rest, { scope, action, chords }];
}
