import { describe, expect, it } from 'vitest';
import { SHORTCUTS, keysFor, resolveShortcut, type KeyInput } from '../../../renderer/src/features/shortcuts/shortcut-table.js';

const key = (code: string, mods: Partial<Omit<KeyInput, 'code'>> = {}): KeyInput =>
  ({ code, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

describe('resolveShortcut', () => {
  it('binds by physical key code, so the Russian layout works the same', () => {
    // On ЙЦУКЕН the KeyJ key types «о» and Slash types «.»: the code is what counts.
    expect(resolveShortcut('inbox', key('KeyJ'))?.shortcut.action).toBe('move-down');
    expect(resolveShortcut('inbox', key('KeyK'))?.shortcut.action).toBe('move-up');
    expect(resolveShortcut('inbox', key('Slash'))?.shortcut.action).toBe('open-picker');
    expect(resolveShortcut('inbox', key('KeyX'))?.shortcut.action).toBe('open-reject');
  });

  it('tells favourite slots apart and accepts the numpad', () => {
    expect(resolveShortcut('inbox', key('Digit1'))).toMatchObject({ shortcut: { action: 'route-favorite' }, digit: 1 });
    expect(resolveShortcut('inbox', key('Numpad9'))).toMatchObject({ shortcut: { action: 'route-favorite' }, digit: 9 });
    expect(resolveShortcut('inbox', key('Digit0'))).toBeNull();
  });

  it('distinguishes modifiers: Shift+Slash is help, Ctrl+Z is undo, plain Z nothing, Alt never', () => {
    expect(resolveShortcut('global', key('Slash', { shiftKey: true }))?.shortcut.action).toBe('open-help');
    expect(resolveShortcut('global', key('KeyZ', { ctrlKey: true }))?.shortcut.action).toBe('undo');
    expect(resolveShortcut('global', key('KeyZ', { metaKey: true }))?.shortcut.action).toBe('undo');
    expect(resolveShortcut('inbox', key('KeyZ'))).toBeNull();
    expect(resolveShortcut('inbox', key('Digit1', { ctrlKey: true }))).toBeNull();
    expect(resolveShortcut('global', key('Digit2', { ctrlKey: true }))).toMatchObject({ shortcut: { action: 'switch-view' }, digit: 2 });
    expect(resolveShortcut('inbox', key('Digit1', { altKey: true }))).toBeNull();
  });

  it('resolves per scope', () => {
    expect(resolveShortcut('reject', key('Digit3'))).toMatchObject({ shortcut: { action: 'choose-reason' }, digit: 3 });
    expect(resolveShortcut('reject', key('Digit5'))).toBeNull();
    expect(resolveShortcut('picker', key('Enter'))?.shortcut.action).toBe('confirm');
    expect(resolveShortcut('picker', key('KeyJ'))).toBeNull(); // J is a letter to type in the search box
    expect(resolveShortcut('help', key('Escape'))?.shortcut.action).toBe('close');
  });

  it('never lets a decision key auto-repeat, and gives every shortcut a hint and a label', () => {
    for (const s of SHORTCUTS) {
      expect(s.keys.length).toBeGreaterThan(0);
      expect(s.label.length).toBeGreaterThan(0);
      if (['route-favorite', 'choose-reason', 'confirm', 'undo'].includes(s.action)) expect(s.repeatable).not.toBe(true);
    }
    expect(keysFor('global', 'undo')).toBe('Ctrl+Z');
  });

  it('never binds a global chord again in a section scope (both are active at once)', () => {
    const global = new Set(SHORTCUTS.filter((s) => s.scope === 'global')
      .flatMap((s) => s.chords.map((c) => `${c.code}:${c.ctrl ?? false}:${c.shift ?? false}`)));
    for (const s of SHORTCUTS.filter((x) => x.scope === 'inbox')) {
      for (const c of s.chords) expect(global.has(`${c.code}:${c.ctrl ?? false}:${c.shift ?? false}`), s.action).toBe(false);
    }
  });

  it('has no chord bound twice in one scope', () => {
    const seen = new Set<string>();
    for (const s of SHORTCUTS) {
      for (const c of s.chords) {
        const id = `${s.scope}:${c.code}:${c.ctrl ?? false}:${c.shift ?? false}`;
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
  });
});
