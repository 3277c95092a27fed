// The one key of a withdrawn appeal (issue 14 item 6): Shift+X in the inbox, free there before (X alone still opens
// the reject picker), its hint generated from the binding, and the words of the mark and of its notices.
import { describe, expect, it } from 'vitest';
import { keysFor, resolveShortcut, SHORTCUTS, type KeyInput } from '../../../renderer/src/features/shortcuts/shortcut-table.js';
import { describeConflict } from '../../../renderer/src/features/sync/describe-conflict.js';
import { foldedClusterNotice, notWithdrawnNotice, withdrawnWhen, WITHDRAWN_WORD } from '../../../renderer/src/features/withdrawn/withdrawn-text.js';

const key = (code: string, mods: Partial<Omit<KeyInput, 'code'>> = {}): KeyInput =>
  ({ code, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

describe('reject-withdrawn', () => {
  it('is Shift+X in the inbox only, one binding, and X alone still opens the picker', () => {
    expect(resolveShortcut('inbox', key('KeyX', { shiftKey: true }))?.shortcut.action).toBe('reject-withdrawn');
    expect(resolveShortcut('inbox', key('KeyX'))?.shortcut.action).toBe('open-reject');
    expect(keysFor('inbox', 'reject-withdrawn')).toBe('Shift+X');
    expect(SHORTCUTS.filter((s) => s.action === 'reject-withdrawn').map((s) => s.scope)).toEqual(['inbox']);
    expect(keysFor('search', 'reject-withdrawn')).toBe('');
  });

  it('clashes with no other inbox or global chord', () => {
    const taken = SHORTCUTS.filter((s) => (s.scope === 'inbox' || s.scope === 'global') && s.action !== 'reject-withdrawn')
      .flatMap((s) => s.chords).filter((c) => c.code === 'KeyX' && (c.shift ?? false) && !(c.ctrl ?? false));
    expect(taken).toEqual([]);
  });

  it('says what the mark means and when, on the centre\'s clock, and why the key did nothing', () => {
    expect(WITHDRAWN_WORD).toBe('Отозвано автором');
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(withdrawnWhen('2026-12-02T07:05:00Z', now)).toBe('Автор удалил публикацию сегодня, 14:05 (Новосибирск)');
    expect(notWithdrawnNotice('X')).toContain('Автор не отзывал это обращение');
    expect(notWithdrawnNotice('X')).toContain('X');
    expect(foldedClusterNotice('G')).toContain('(G)');
  });
});

describe('a conflict because the author withdrew the appeal', () => {
  it('says so instead of «изменено на сервере»', () => {
    const server = { status: 'new' as const, targetId: null, rejectReason: null, routedBy: null, routedAt: null };
    const base = { id: 'c1', appealId: 'a1', excerpt: 'Нет воды', detectedAt: '2026-12-02T07:05:00Z', local: { type: 'route' as const, targetId: 'zdrav' } };
    const name = (id: string) => (id === 'zdrav' ? 'Минздрав НСО' : id);
    expect(describeConflict({ ...base, server: { ...server, withdrawnAt: '2026-12-02T07:04:00Z' } }, name))
      .toBe('Автор отозвал обращение: удалил публикацию. Ваше решение (Минздрав НСО) не применено.');
    expect(describeConflict({ ...base, server }, name)).toBe('Обращение изменено на сервере. Ваше решение (Минздрав НСО) не применено.');
  });
});
