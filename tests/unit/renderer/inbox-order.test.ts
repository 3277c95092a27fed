import { describe, expect, it } from 'vitest';
import { insertAt, moveSelection, reconcileSelection, removeId, selectionAfterRemoval, sortedInsertIndex }
  from '../../../renderer/src/store/inbox-order.js';

const has = (list: string[]) => (id: string) => list.includes(id);

describe('inbox order', () => {
  it('selects the row below after a decision, or the one above when the last row went', () => {
    const middle = removeId(['a', 'b', 'c'], 'b');
    expect(middle).toEqual({ ids: ['a', 'c'], index: 1 });
    expect(selectionAfterRemoval(middle.ids, middle.index)).toBe('c');
    const last = removeId(['a', 'b', 'c'], 'c');
    expect(selectionAfterRemoval(last.ids, last.index)).toBe('b');
    const only = removeId(['a'], 'a');
    expect(selectionAfterRemoval(only.ids, only.index)).toBeNull();
  });

  it('puts a failed decision back where it was', () => {
    expect(insertAt(['a', 'c'], 'b', 1)).toEqual(['a', 'b', 'c']);
    expect(insertAt(['a'], 'b', 5)).toEqual(['a', 'b']);
    expect(insertAt(['a', 'b'], 'b', 0)).toEqual(['a', 'b']);
  });

  it('keeps the selection across reloads, or the position when the selected appeal left', () => {
    expect(reconcileSelection(['a', 'b', 'c'], 'b', ['x', 'a', 'b', 'c'], has(['x', 'a', 'b', 'c']))).toBe('b');
    expect(reconcileSelection(['a', 'b', 'c'], 'b', ['a', 'c'], has(['a', 'c']))).toBe('c');
    expect(reconcileSelection(['a', 'b'], 'b', ['a'], has(['a']))).toBe('a');
    expect(reconcileSelection([], null, ['a'], has(['a']))).toBe('a');
    expect(reconcileSelection(['a'], 'a', [], has([]))).toBeNull();
  });

  it('moves and clamps', () => {
    expect(moveSelection(['a', 'b', 'c'], 0, 1)).toBe('b');
    expect(moveSelection(['a', 'b', 'c'], 2, 1)).toBe('c');
    expect(moveSelection(['a', 'b', 'c'], 1, -20)).toBe('a');
    expect(moveSelection(['a', 'b', 'c'], -1, 1)).toBe('a');
    expect(moveSelection([], 0, 1)).toBeNull();
  });
});

describe('sortedInsertIndex', () => {
  // The core orders newest first, then by id: new appeals must land where a reload would put them.
  const ms: Record<string, number> = { a: 300, b: 200, c: 200, d: 100 };
  const of = (id: string): number => ms[id] ?? 0;
  it('finds the place by time, newest first', () => {
    expect(sortedInsertIndex(['a', 'b', 'd'], 'n', 400, of)).toBe(0);
    expect(sortedInsertIndex(['a', 'b', 'd'], 'n', 150, of)).toBe(2);
    expect(sortedInsertIndex(['a', 'b', 'd'], 'n', 50, of)).toBe(3);
    expect(sortedInsertIndex([], 'n', 50, of)).toBe(0);
  });
  it('breaks ties by id ascending', () => {
    expect(sortedInsertIndex(['a', 'b', 'd'], 'c', 200, of)).toBe(2);
    expect(sortedInsertIndex(['a', 'c', 'd'], 'b', 200, of)).toBe(1);
  });
});
