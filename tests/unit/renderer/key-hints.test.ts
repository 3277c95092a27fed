// Every keycap hint the app shows must say what is really bound: the help overlay's rows (SHORTCUTS[].keys), the hints
// next to buttons and in the status bars (keysFor, primaryKeyFor, slotKeyFor). The hints are read back into key codes
// here by a parser of its own, so a hint that drifts from its binding (help's «Esc» while Shift+/ closes it too) fails.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SHORTCUTS, keysFor, primaryKeyFor, slotKeyFor, type KeyChord,
} from '../../../renderer/src/features/shortcuts/shortcut-table.js';

const NAMED: Record<string, string> = {
  '↓': 'ArrowDown', '↑': 'ArrowUp', '←': 'ArrowLeft', '→': 'ArrowRight', PgDn: 'PageDown', PgUp: 'PageUp',
  Esc: 'Escape', Enter: 'Enter', '/': 'Slash', Backspace: 'Backspace', Delete: 'Delete', Home: 'Home', End: 'End',
  F1: 'F1', F5: 'F5', Tab: 'Tab', Space: 'Space',
};

/** A chord as the operator cannot tell it apart: the numpad twin of a digit or of Enter is the same key to them. */
const canonical = (c: KeyChord): string => `${c.ctrl === true ? 'Ctrl+' : ''}${c.shift === true ? 'Shift+' : ''}`
  + c.code.replace(/^NumpadEnter$/, 'Enter').replace(/^Numpad(\d)$/, 'Digit$1');

/** The chords a hint text names: «Ctrl+1–9», «↓ / J», «Esc / ?», «Shift+Delete». */
function chordsOfHint(hint: string): Set<string> {
  const out = new Set<string>();
  expect(hint.trim().length, 'empty hint').toBeGreaterThan(0);
  for (const part of hint.split(' / ')) {
    const m = /^(Ctrl\+)?(Shift\+)?(.+)$/.exec(part);
    if (!m) throw new Error(`unreadable hint part «${part}»`);
    const ctrl = m[1] !== undefined;
    const shift = m[2] !== undefined;
    const key = m[3] ?? '';
    const codes: string[] = [];
    const range = /^(\d)–(\d)$/.exec(key);
    if (key === '?' && !shift) {
      out.add(canonical({ code: 'Slash', shift: true, ...(ctrl ? { ctrl } : {}) }));
      continue;
    }
    if (range) for (let d = Number(range[1]); d <= Number(range[2]); d++) codes.push(`Digit${d}`);
    else if (/^\d$/.test(key)) codes.push(`Digit${key}`);
    else if (/^[A-Z]$/.test(key)) codes.push(`Key${key}`);
    else if (NAMED[key] !== undefined) codes.push(NAMED[key]);
    else throw new Error(`unknown key name «${key}» in hint «${hint}»`);
    for (const code of codes) out.add(canonical({ code, ...(ctrl ? { ctrl } : {}), ...(shift ? { shift } : {}) }));
  }
  return out;
}

const bound = (chords: readonly KeyChord[]): Set<string> => new Set(chords.map(canonical));
const sorted = (set: Set<string>): string[] => [...set].sort();

describe('key hints come from the bindings', () => {
  it('the help overlay row of every shortcut names exactly the keys bound to it', () => {
    const wrong: string[] = [];
    for (const s of SHORTCUTS) {
      const shown = sorted(chordsOfHint(s.keys));
      const real = sorted(bound(s.chords));
      if (JSON.stringify(shown) !== JSON.stringify(real)) {
        wrong.push(`${s.scope}/${s.action}: shows «${s.keys}» = [${shown.join(', ')}], bound [${real.join(', ')}]`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the help closes with Esc and with the keys that opened it (Shift+/, F1), and says so', () => {
    expect(sorted(chordsOfHint(keysFor('help', 'close')))).toEqual(['Escape', 'F1', 'Shift+Slash']);
    expect(keysFor('global', 'open-help')).toBe('? / F1');
  });

  it('button and status-bar hints (all keys, the first key, one numbered slot) name keys of their binding', () => {
    for (const s of SHORTCUTS) {
      const real = bound(s.chords);
      expect(sorted(chordsOfHint(keysFor(s.scope, s.action))), `${s.scope}/${s.action}`).toEqual(sorted(real));
      const primary = chordsOfHint(primaryKeyFor(s.scope, s.action));
      for (const c of primary) expect(real.has(c), `${s.scope}/${s.action} primary ${c}`).toBe(true);
      for (let slot = 1; slot <= 9; slot++) {
        const hint = slotKeyFor(s.scope, s.action, slot);
        if (hint === '') continue;
        const chords = chordsOfHint(hint);
        expect(chords.size).toBe(1);
        for (const c of chords) {
          expect(real.has(c), `${s.scope}/${s.action} slot ${slot}`).toBe(true);
          expect(c.endsWith(`Digit${slot}`)).toBe(true);
        }
      }
    }
    expect(slotKeyFor('global', 'switch-view', 2)).toBe('Ctrl+2');
    expect(slotKeyFor('reject', 'choose-reason', 5)).toBe('');
  });

  it('no keycap in the renderer is written by hand: every keys={…} is made from the table', () => {
    const root = join(import.meta.dirname, '../../../renderer/src');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    const FROM_TABLE = /^(?:keysFor|primaryKeyFor|slotKeyFor|browserKeyLabel|hintKeyLabel)\(|^s\.keys$/;
    const handWritten: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(/<Keycap\b[^>]*?\bkeys=(?:"([^"]*)"|\{([^}]*)\})/g)) {
        const literal = m[1];
        const expression = (m[2] ?? '').trim();
        if (literal !== undefined || !FROM_TABLE.test(expression)) handWritten.push(`${file}: keys=${m[1] ?? `{${expression}}`}`);
      }
    }
    expect(handWritten).toEqual([]);
  });
});
