import { describe, expect, it } from 'vitest';
import { insertAt, moveSelection, removeId } from '../../../renderer/src/store/inbox-order.js';
import { arrangeInbox, firstFree, keptSelection, nextFreeSelection } from '../../../shared/team/inbox-arrangement.js';

const has = (list: string[]) => (id: string) => list.includes(id);
const none = () => false;

describe('inbox order', () => {
  it('selects the row below after a decision, or the one above when the last row went', () => {
    const middle = removeId(['a', 'b', 'c'], 'b');
    expect(middle).toEqual({ ids: ['a', 'c'], index: 1 });
    expect(nextFreeSelection(middle.ids, middle.index, none)).toBe('c');
    const last = removeId(['a', 'b', 'c'], 'c');
    expect(nextFreeSelection(last.ids, last.index, none)).toBe('b');
    const only = removeId(['a'], 'a');
    expect(nextFreeSelection(only.ids, only.index, none)).toBeNull();
  });

  it('puts a failed decision back where it was', () => {
    expect(insertAt(['a', 'c'], 'b', 1)).toEqual(['a', 'b', 'c']);
    expect(insertAt(['a'], 'b', 5)).toEqual(['a', 'b']);
    expect(insertAt(['a', 'b'], 'b', 0)).toEqual(['a', 'b']);
  });

  it('keeps the selection across reloads, or the position when the selected appeal left', () => {
    expect(keptSelection(['a', 'b', 'c'], 'b', ['x', 'a', 'b', 'c'], has(['x', 'a', 'b', 'c']), none)).toBe('b');
    expect(keptSelection(['a', 'b', 'c'], 'b', ['a', 'c'], has(['a', 'c']), none)).toBe('c');
    expect(keptSelection(['a', 'b'], 'b', ['a'], has(['a']), none)).toBe('a');
    expect(keptSelection([], null, ['a'], has(['a']), none)).toBe('a');
    expect(keptSelection(['a'], 'a', [], has([]), none)).toBeNull();
  });

  it('moves and clamps', () => {
    expect(moveSelection(['a', 'b', 'c'], 0, 1)).toBe('b');
    expect(moveSelection(['a', 'b', 'c'], 2, 1)).toBe('c');
    expect(moveSelection(['a', 'b', 'c'], 1, -20)).toBe('a');
    expect(moveSelection(['a', 'b', 'c'], -1, 1)).toBe('a');
    expect(moveSelection([], 0, 1)).toBeNull();
  });
});

describe('team order (#9): appeals colleagues hold go after the free ones', () => {
  const heldSet = (ids: string[]) => {
    const set = new Set(ids);
    return { isHeld: (id: string) => set.has(id), size: set.size };
  };

  it('moves held appeals behind the free ones, each part in the core order; nothing held keeps the same list', () => {
    const base = ['a', 'b', 'c', 'd', 'e'];
    const held = heldSet(['b', 'd']);
    expect(arrangeInbox(base, held.isHeld, held.size)).toEqual(['a', 'c', 'e', 'b', 'd']);
    expect(arrangeInbox(base, none, 0)).toBe(base);
    const unrelated = heldSet(['x']);
    expect(arrangeInbox(base, unrelated.isHeld, unrelated.size)).toBe(base);
  });

  it('lands the first row, Home and the selection after a decision on a free appeal', () => {
    const held = heldSet(['a', 'b']);
    const shown = arrangeInbox(['a', 'b', 'c', 'd'], held.isHeld, held.size); // c d a b
    expect(firstFree(shown, held.isHeld)).toBe('c');
    // d decided (it stood at index 1): c above is free, a below is held → c.
    const after = removeId(shown, 'd');
    expect(nextFreeSelection(after.ids, after.index, held.isHeld)).toBe('c');
    // Everything held: the first one is still selectable (holds are advice).
    const all = heldSet(['a', 'b']);
    expect(firstFree(['a', 'b'], all.isHeld)).toBe('a');
    expect(nextFreeSelection(['a', 'b'], 1, all.isHeld)).toBe('b');
  });

  it('keeps the operator near their place, on a free appeal, when the selected one left', () => {
    const held = heldSet(['z']);
    expect(keptSelection(['a', 'b', 'c', 'z'], 'c', ['a', 'b', 'z'], has(['a', 'b', 'z']), held.isHeld)).toBe('b');
    expect(keptSelection(['a', 'b'], null, ['z', 'a'], has(['z', 'a']), held.isHeld)).toBe('a');
  });
});
