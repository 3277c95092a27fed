// The one controller behind the inbox and the search results: moves, edges, operator vs programmatic selection, the
// detail following the selection, and the keys both lists share.
import { describe, expect, it, vi } from 'vitest';
import {
  createDecidableList, decisionNotice, handleListKey, type ListKeyTarget,
} from '../../../renderer/src/lists/decidable-list.js';
import { resolveShortcut, type KeyInput } from '../../../renderer/src/features/shortcuts/shortcut-table.js';
import type { DetailState } from '../../../renderer/src/store/state-types.js';

function fakeList(ids: string[], heldByOther: readonly string[] = []) {
  const state: { selectedId: string | null; detail: DetailState | null } = { selectedId: null, detail: null };
  const onSelected = vi.fn();
  const onOperatorSelect = vi.fn();
  const list = createDecidableList({
    ids: () => ids,
    selectedId: () => state.selectedId,
    setSelectedId: (id) => { state.selectedId = id; },
    detail: () => state.detail,
    setDetail: (detail) => { state.detail = detail; },
    onSelected,
    onOperatorSelect,
    clearAlert: () => {},
    isHeldByOther: (id) => heldByOther.includes(id),
  });
  return { state, list, onSelected, onOperatorSelect };
}

describe('createDecidableList', () => {
  it('moves from nothing to the first row, then by rows and pages, clamped to the list', () => {
    const { state, list } = fakeList(['a', 'b', 'c', 'd']);
    list.moveBy(1);
    expect(state.selectedId).toBe('a');
    list.moveBy(2);
    expect(state.selectedId).toBe('c');
    list.moveBy(20);
    expect(state.selectedId).toBe('d');
    list.moveBy(-20);
    expect(state.selectedId).toBe('a');
    list.selectEdge('last');
    expect(state.selectedId).toBe('d');
    list.selectEdge('first');
    expect(state.selectedId).toBe('a');
  });

  it('End goes to the last row no colleague reads (held rows sit last), as Home to the first (trial of 4 December)', () => {
    const { state, list } = fakeList(['a', 'b', 'c', 'held-1', 'held-2'], ['held-1', 'held-2']);
    list.selectEdge('last');
    expect(state.selectedId).toBe('c');
    const allHeld = fakeList(['x', 'y'], ['x', 'y']);
    allHeld.list.selectEdge('last');
    expect(allHeld.state.selectedId).toBe('x');
  });

  it('marks the detail as loading for a new selection and clears it with none', () => {
    const { state, list } = fakeList(['a', 'b']);
    list.select('b');
    expect(state.detail).toEqual({ id: 'b', phase: 'loading' });
    list.select(null);
    expect(state.detail).toBeNull();
  });

  it('tells the list about every change of selection, and about the operator only when they chose', () => {
    const { list, onSelected, onOperatorSelect } = fakeList(['a', 'b']);
    list.selectId('a');
    expect(onSelected).toHaveBeenLastCalledWith('a');
    expect(onOperatorSelect).not.toHaveBeenCalled();
    list.moveBy(1);
    expect(onSelected).toHaveBeenLastCalledWith('b');
    expect(onOperatorSelect).toHaveBeenCalledTimes(1);
    list.selectId('b'); // unchanged: nothing to tell
    expect(onSelected).toHaveBeenCalledTimes(2);
  });
});

const key = (code: string, mods: Partial<Omit<KeyInput, 'code'>> = {}): KeyInput =>
  ({ code, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

function target(selectedId: string | null): ListKeyTarget & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls, selectedId, pageSize: 10,
    moveBy: (d) => { calls.push(`move ${d}`); },
    selectEdge: (e) => { calls.push(`edge ${e}`); },
    decide: async (d) => { calls.push(`decide ${JSON.stringify(d)}`); },
    openDialog: (d) => { calls.push(`open ${d}`); },
  };
}

describe('handleListKey, the same in the inbox and in search', () => {
  for (const scope of ['inbox', 'search'] as const) {
    it(`${scope}: moves, pages, favourites and dialogs; Ctrl+Z is not the list's (global: the toast stands over every section)`, () => {
      const list = target('a');
      const alerts: string[] = [];
      const desk = { favoriteIds: ['t1'], showAlert: (t: string) => { alerts.push(t); } };
      for (const k of [key('KeyJ'), key('ArrowUp'), key('PageDown'), key('End'), key('Digit1'), key('Numpad2'),
        key('Slash'), key('KeyX')]) {
        const match = resolveShortcut(scope, k);
        expect(match, k.code).not.toBeNull();
        if (match) expect(handleListKey(match, list, desk)).toBe(true);
      }
      expect(list.calls).toEqual(['move 1', 'move -1', 'move 10', 'edge last',
        'decide {"type":"route","targetId":"t1"}', 'open picker', 'open reject']);
      expect(resolveShortcut(scope, key('KeyZ', { ctrlKey: true }))).toBeNull();
      expect(alerts).toEqual(['За клавишей 2 не закреплён адресат.']);
    });
  }

  it('decides nothing and opens nothing without a selection, and leaves list-own keys to the list', () => {
    const list = target(null);
    const desk = { favoriteIds: ['t1'], showAlert: () => undefined };
    for (const code of ['Digit1', 'Slash', 'KeyX']) {
      const match = resolveShortcut('inbox', key(code));
      if (match) handleListKey(match, list, desk);
    }
    expect(list.calls).toEqual([]);
    const own = resolveShortcut('inbox', key('KeyG'));
    expect(own && handleListKey(own, list, desk)).toBe(false);
  });

  it('words the notice after a decision', () => {
    expect(decisionNotice({ type: 'route', targetId: 't1' }, () => 'ЖКХ')).toBe('Направлено: ЖКХ');
    expect(decisionNotice({ type: 'route', targetId: 't9' }, () => undefined)).toBe('Направлено: t9');
  });
});
