// Remappable keys (issue 13): overrides on top of the default table reach the resolver and every hint; the conflict
// checker refuses a chord two live actions would share (a global one clashes with the sections' too), reserved
// chords with their reason, and typing keys in text-entry scopes; stored overrides are re-checked when loaded.
import { afterEach, describe, expect, it } from 'vitest';
import {
  acceptedOverrides, checkChord, editsText, chordOfKey, clashWith, findClashes, reservedReason, scopesMeet, withChords,
} from '../../../renderer/src/features/shortcuts/keymap-check.js';
import {
  applyOverrides, boundScopes, DEFAULT_SHORTCUTS, followsAnother, isRemappable, keymapVersion, keyOverrides, keysFor, primaryKeyFor,
  resolveShortcut, setKeyOverrides, SHORTCUTS, slotKeyFor, subscribeKeymap, type KeyInput, type KeyOverride,
} from '../../../renderer/src/features/shortcuts/shortcut-table.js';

const key = (code: string, mods: Partial<Omit<KeyInput, 'code'>> = {}): KeyInput =>
  ({ code, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

afterEach(() => setKeyOverrides([]));

describe('overrides on top of the default table', () => {
  it('a remap moves the action to the new chord in the resolver and in every hint, and the old chord is free', () => {
    expect(resolveShortcut('inbox', key('KeyQ'))?.shortcut.action).toBe('route-suggestion-2');
    setKeyOverrides([{ scope: 'inbox', action: 'route-suggestion-2', chords: [{ code: 'KeyB' }] }]);
    expect(resolveShortcut('inbox', key('KeyB'))?.shortcut.action).toBe('route-suggestion-2');
    expect(resolveShortcut('inbox', key('KeyQ'))).toBeNull();
    expect(keysFor('inbox', 'route-suggestion-2')).toBe('B');
    expect(primaryKeyFor('inbox', 'route-suggestion-2')).toBe('B');
    expect(SHORTCUTS.find((s) => s.scope === 'inbox' && s.action === 'route-suggestion-2')?.keys).toBe('B');
    // The same action in another scope keeps its own keys; the defaults are untouched.
    expect(DEFAULT_SHORTCUTS.find((s) => s.scope === 'inbox' && s.action === 'route-suggestion-2')?.keys).toBe('Q');
    setKeyOverrides([]);
    expect(resolveShortcut('inbox', key('KeyQ'))?.shortcut.action).toBe('route-suggestion-2');
    expect(keysFor('inbox', 'route-suggestion-2')).toBe('Q');
  });

  it('adds a chord next to the defaults, with Ctrl and Shift in the hint', () => {
    setKeyOverrides([{ scope: 'inbox', action: 'open-reject', chords: [{ code: 'KeyX' }, { code: 'KeyR', ctrl: true, shift: true }] }]);
    expect(keysFor('inbox', 'open-reject')).toBe('X / Ctrl+Shift+R');
    expect(resolveShortcut('inbox', key('KeyR', { ctrlKey: true, shiftKey: true }))?.shortcut.action).toBe('open-reject');
    expect(resolveShortcut('inbox', key('KeyX'))?.shortcut.action).toBe('open-reject');
  });

  it('tells subscribers (the components showing hints) and bumps the version on every change', () => {
    let calls = 0;
    const before = keymapVersion();
    const stop = subscribeKeymap(() => { calls += 1; });
    setKeyOverrides([{ scope: 'global', action: 'sync-now', chords: [{ code: 'F6' }] }]);
    stop();
    setKeyOverrides([]);
    expect(calls).toBe(1);
    expect(keymapVersion()).toBe(before + 2);
  });

  it('never remaps digit-slot actions nor the remap screen itself, even when told to', () => {
    for (const [scope, action] of [['inbox', 'route-favorite'], ['global', 'switch-view'], ['reject', 'choose-reason'],
      ['stats', 'choose-period'], ['search-views', 'apply-view']] as const) {
      const s = DEFAULT_SHORTCUTS.find((x) => x.scope === scope && x.action === action);
      expect(s && isRemappable(s), `${scope}/${action}`).toBe(false);
    }
    setKeyOverrides([{ scope: 'inbox', action: 'route-favorite', chords: [{ code: 'KeyB' }] },
      { scope: 'keymap', action: 'close', chords: [{ code: 'KeyB' }] }]);
    expect(keyOverrides()).toEqual([]);
    expect(slotKeyFor('inbox', 'route-favorite', 3)).toBe('3');
    expect(resolveShortcut('inbox', key('Digit3'))).toMatchObject({ shortcut: { action: 'route-favorite' }, digit: 3 });
    expect(keysFor('keymap', 'close')).toBe('Esc');
  });

  it('withChords keeps the newest change last and stores nothing for the defaults', () => {
    const a: KeyOverride = { scope: 'inbox', action: 'route-suggestion-2', chords: [{ code: 'KeyB' }] };
    const b: KeyOverride = { scope: 'inbox', action: 'route-suggestion-3', chords: [{ code: 'KeyY' }] };
    const next = withChords(DEFAULT_SHORTCUTS, [a, b], 'inbox', 'route-suggestion-2', [{ code: 'KeyN' }]);
    expect(next.map((o) => o.action)).toEqual(['route-suggestion-3', 'route-suggestion-2']);
    expect(withChords(DEFAULT_SHORTCUTS, [a, b], 'inbox', 'route-suggestion-2', [{ code: 'KeyQ' }])).toEqual([b]);
    expect(withChords(DEFAULT_SHORTCUTS, [a, b], 'inbox', 'route-suggestion-3', null)).toEqual([a]);
  });
});

describe('conflict checker', () => {
  it('the default table itself has no clash and no reserved chord', () => {
    expect(findClashes(DEFAULT_SHORTCUTS)).toEqual([]);
    const reserved = DEFAULT_SHORTCUTS.flatMap((s) => s.chords.map((c) => [s, c] as const))
      .filter(([s, c]) => isRemappable(s) && reservedReason(s.scope, c) !== null)
      .map(([s, c]) => `${s.scope}/${s.action} ${c.code}`);
    expect(reserved).toEqual([]);
  });

  it('refuses a chord another action of the same scope has, and names it', () => {
    const verdict = checkChord(SHORTCUTS, 'inbox', 'route-suggestion-2', { code: 'KeyX' });
    expect(verdict).toEqual({ ok: false, kind: 'clash', message: 'Уже занято: X — Отклонить обращение' });
    // The favourites' digits are taken too, though they themselves cannot move.
    expect(checkChord(SHORTCUTS, 'inbox', 'route-suggestion-2', { code: 'Digit4' })).toMatchObject({ ok: false, kind: 'clash' });
    expect(checkChord(SHORTCUTS, 'inbox', 'route-suggestion-2', { code: 'KeyB' })).toEqual({ ok: true });
  });

  it('a global chord clashes with every section scope (global keys are live there), not inside the app dialogs', () => {
    expect(scopesMeet('global', 'inbox')).toBe(true);
    expect(scopesMeet('search-box', 'global')).toBe(true);
    expect(scopesMeet('global', 'picker')).toBe(true); // the queues' and search's own pickers keep global keys live
    expect(scopesMeet('global', 'help')).toBe(false);
    expect(scopesMeet('inbox', 'queues')).toBe(false);
    // Taking a section's key for a global action is refused, naming where it is used…
    expect(checkChord(SHORTCUTS, 'global', 'sync-now', { code: 'KeyU' }))
      .toEqual({ ok: false, kind: 'clash', message: 'Уже занято: U — Сортировка: по сроку разбора / сначала новые (Список обращений)' });
    // …and a global key for a section's action too.
    expect(checkChord(SHORTCUTS, 'stats', 'refresh', { code: 'F5' })).toMatchObject({ ok: false, kind: 'clash' });
    expect(clashWith(SHORTCUTS, 'queues', 'refresh', { code: 'KeyF', ctrl: true })?.action).toBe('open-search');
    // The help may close with «?» although «?» opens it globally: global keys are off while it is open.
    expect(clashWith(SHORTCUTS, 'help', 'close', { code: 'Slash', shift: true })).toBeNull();
  });

  it('refuses reserved chords with the reason', () => {
    const reason = (scope: Parameters<typeof reservedReason>[0], code: string, ctrl = false, shift = false) =>
      reservedReason(scope, { code, ...(ctrl ? { ctrl } : {}), ...(shift ? { shift } : {}) });
    expect(reason('inbox', 'KeyW', true)).toBe('Ctrl+W — закрывает окно');
    expect(reason('inbox', 'KeyQ', true)).toBe('Ctrl+Q — закрывает приложение');
    expect(reason('inbox', 'Tab')).toBe('Tab — переход между полями и кнопками');
    expect(reason('inbox', 'Tab', true)).toMatch(/вкладок/);
    expect(reason('inbox', 'KeyI', true, true)).toMatch(/разработчика/);
    expect(reason('inbox', 'F12')).toMatch(/разработчика/);
    expect(reason('inbox', 'F11')).toMatch(/полноэкранный/);
    expect(reason('inbox', 'KeyR', true)).toMatch(/перезагружает/);
    expect(reason('inbox', 'KeyC', true)).toMatch(/копирование/);
    expect(reason('inbox', 'Equal', true)).toMatch(/масштаб/);
    expect(reason('inbox', 'PrintScreen')).toBe('эту клавишу назначить нельзя');
    // Ctrl+V is free in the grid, not in a text field.
    expect(reason('inbox', 'KeyV', true)).toBeNull();
    expect(reason('search-box', 'KeyV', true)).toMatch(/вставить/);
    expect(checkChord(SHORTCUTS, 'inbox', 'open-reject', { code: 'KeyW', ctrl: true }))
      .toEqual({ ok: false, kind: 'reserved', message: 'Нельзя: Ctrl+W — закрывает окно' });
  });

  it('text-entry scopes refuse plain and shifted printable keys and caret keys, not Ctrl chords or F-keys', () => {
    for (const scope of ['search-box', 'picker', 'search-save'] as const) {
      expect(reservedReason(scope, { code: 'KeyB' }), scope).toMatch(/печатает текст/);
      expect(reservedReason(scope, { code: 'Digit7', shift: true }), scope).toMatch(/печатает текст/);
      expect(reservedReason(scope, { code: 'Space' }), scope).toMatch(/печатает текст/);
      expect(reservedReason(scope, { code: 'ArrowLeft' }), scope).toMatch(/правка текста/);
      expect(reservedReason(scope, { code: 'KeyB', ctrl: true }), scope).toBeNull();
      expect(reservedReason(scope, { code: 'F2' }), scope).toBeNull();
    }
    expect(reservedReason('inbox', { code: 'KeyB' })).toBeNull();
    expect(checkChord(SHORTCUTS, 'search-box', 'open-views', { code: 'KeyO' })).toMatchObject({ ok: false, kind: 'reserved' });
  });

  it('refuses remapping a digit-slot action, and says a chord is already this action\'s', () => {
    expect(checkChord(SHORTCUTS, 'inbox', 'route-favorite', { code: 'KeyB' })).toMatchObject({ ok: false, kind: 'fixed' });
    expect(checkChord(SHORTCUTS, 'inbox', 'move-down', { code: 'KeyJ' })).toMatchObject({ ok: false, kind: 'same' });
  });

  it('reads a key press as the resolver does: ⌘ is Ctrl, Alt is refused, a modifier alone waits', () => {
    expect(chordOfKey(key('KeyB', { metaKey: true }))).toEqual({ chord: { code: 'KeyB', ctrl: true } });
    expect(chordOfKey(key('KeyB', { shiftKey: true }))).toEqual({ chord: { code: 'KeyB', shift: true } });
    expect(chordOfKey(key('KeyB', { altKey: true }))).toEqual({ refused: 'Нельзя: сочетания с Alt заняты системой и меню окна' });
    expect(chordOfKey(key('ShiftLeft', { shiftKey: true }))).toBeNull();
    expect(chordOfKey(key('ControlRight', { ctrlKey: true }))).toBeNull();
  });

  it('every chord the checker lets through leaves the table without a clash (exhaustive over one scope)', () => {
    const codes = ['KeyA', 'KeyB', 'KeyJ', 'KeyQ', 'KeyX', 'KeyF', 'Digit1', 'Digit0', 'F5', 'Enter', 'Slash', 'ArrowDown'];
    for (const code of codes) {
      for (const ctrl of [false, true]) {
        for (const shift of [false, true]) {
          const chord = { code, ...(ctrl ? { ctrl } : {}), ...(shift ? { shift } : {}) };
          if (!checkChord(SHORTCUTS, 'inbox', 'route-suggestion-2', chord).ok) continue;
          const table = applyOverrides(DEFAULT_SHORTCUTS, [{ scope: 'inbox', action: 'route-suggestion-2', chords: [chord] }]);
          expect(findClashes(table), JSON.stringify(chord)).toEqual([]);
        }
      }
    }
  });
});

describe('one action, one key: the search results follow the inbox', () => {
  it('a remap of the inbox\'s reject moves it in search too; search\'s own keys stay its own', () => {
    setKeyOverrides([{ scope: 'inbox', action: 'open-reject', chords: [{ code: 'KeyR' }] }]);
    for (const scope of ['inbox', 'search'] as const) {
      expect(resolveShortcut(scope, key('KeyR'))?.shortcut.action, scope).toBe('open-reject');
      expect(resolveShortcut(scope, key('KeyX')), scope).toBeNull();
      expect(keysFor(scope, 'open-reject'), scope).toBe('R');
    }
    expect(keysFor('search', 'to-box')).toBe('Esc');
    expect(followsAnother({ scope: 'search', action: 'open-reject' })).toBe(true);
    expect(followsAnother({ scope: 'search', action: 'to-box' })).toBe(false);
    expect(followsAnother({ scope: 'inbox', action: 'open-reject' })).toBe(false);
    expect(boundScopes('inbox', 'open-reject')).toEqual(['inbox', 'search']);
    // The inbox's «first» is «Самое новое обращение», search's «Первый результат»: same keys, so one binding.
    expect(boundScopes('inbox', 'first')).toEqual(['inbox', 'search']);
    // An inbox-only action binds the inbox alone.
    expect(boundScopes('inbox', 'toggle-cluster')).toEqual(['inbox']);
  });

  it('checks the chord in every scope it binds: Ctrl+S is free in the inbox but saves a search in the results', () => {
    const verdict = checkChord(SHORTCUTS, 'inbox', 'open-reject', { code: 'KeyS', ctrl: true });
    expect(verdict).toMatchObject({ ok: false, kind: 'clash' });
    expect(verdict.ok ? '' : verdict.message).toContain('(Поиск: результаты)');
    expect(checkChord(SHORTCUTS, 'inbox', 'toggle-cluster', { code: 'KeyS', ctrl: true })).toEqual({ ok: true });
    // The follower is changed through its leader only.
    expect(checkChord(SHORTCUTS, 'search', 'open-reject', { code: 'KeyB' })).toMatchObject({ ok: false, kind: 'fixed' });
    expect(checkChord(SHORTCUTS, 'search', 'to-box', { code: 'KeyB' })).toEqual({ ok: true });
  });

  it('a follower\'s own stored override is dropped, and a stored inbox remap that would clash in search too', () => {
    expect(acceptedOverrides(DEFAULT_SHORTCUTS, [
      { scope: 'search', action: 'open-reject', chords: [{ code: 'KeyB' }] },
      { scope: 'inbox', action: 'open-picker', chords: [{ code: 'KeyO', ctrl: true }] }, // Ctrl+O: saved searches
      { scope: 'inbox', action: 'open-reject', chords: [{ code: 'KeyR' }] },
    ])).toEqual([{ scope: 'inbox', action: 'open-reject', chords: [{ code: 'KeyR' }] }]);
    setKeyOverrides([{ scope: 'search', action: 'open-reject', chords: [{ code: 'KeyB' }] }]);
    expect(keyOverrides()).toEqual([]);
    expect(keysFor('search', 'open-reject')).toBe('X');
  });
});

describe('stored overrides are checked again when loaded', () => {
  it('drops unknown or fixed actions, reserved chords and clashes; keeps a swap made in two steps in any order', () => {
    const swapped = [
      { scope: 'inbox', action: 'route-suggestion-2', chords: [{ code: 'KeyW' }] },
      { scope: 'inbox', action: 'route-suggestion-3', chords: [{ code: 'KeyQ' }] },
    ];
    expect(acceptedOverrides(DEFAULT_SHORTCUTS, swapped)).toEqual(swapped);
    expect(acceptedOverrides(DEFAULT_SHORTCUTS, [...swapped].reverse())).toHaveLength(2);
    expect(acceptedOverrides(DEFAULT_SHORTCUTS, [
      { scope: 'inbox', action: 'no-such-action', chords: [{ code: 'KeyB' }] },
      { scope: 'inbox', action: 'route-favorite', chords: [{ code: 'KeyB' }] },
      { scope: 'inbox', action: 'open-reject', chords: [{ code: 'KeyW', ctrl: true }] },
      { scope: 'inbox', action: 'toggle-urgency', chords: [{ code: 'KeyG' }] }, // G is the cluster key
      { scope: 'inbox', action: 'route-suggestion-2', chords: [{ code: 'KeyB', ctrl: undefined }] },
    ])).toEqual([{ scope: 'inbox', action: 'route-suggestion-2', chords: [{ code: 'KeyB' }] }]);
  });
});

describe('keys that belong to a text field', () => {
  it('typing and editing chords, which global keys leave to a focused field', () => {
    expect(editsText({ code: 'Slash', shift: true })).toBe(true); // «?» types in the search box
    expect(editsText({ code: 'KeyY' })).toBe(true);
    expect(editsText({ code: 'Backspace' })).toBe(true);
    expect(editsText({ code: 'KeyV', ctrl: true })).toBe(true);
    expect(editsText({ code: 'F5' })).toBe(false);
    expect(editsText({ code: 'KeyF', ctrl: true })).toBe(false);
    expect(editsText({ code: 'Digit2', ctrl: true })).toBe(false);
  });

  it('the export toast\'s Esc stays Esc: it lies over the lead\'s sections, so another key would shadow theirs', () => {
    expect(checkChord(SHORTCUTS, 'export-toast', 'dismiss-toast', { code: 'KeyR' })).toMatchObject({ ok: false, kind: 'fixed' });
  });
});
