// The queue shared out while the live channel is down (shared/team/offline-share.ts): every desk that knows the same
// shift gives each appeal the same owner, whatever order it lists the shift in, and the shares come out near even.
import { describe, expect, it } from 'vitest';
import { shareOwners } from '../../../shared/team/offline-share.js';
import { offlineShareNotice } from '../../../shared/team/held-words.js';

const anna = { id: 'u-operator1', name: 'Анна Петрова', holds: [] };
const dmitry = { id: 'u-operator2', name: 'Дмитрий Соколов', holds: [] };
const olga = { id: 'u-operator3', name: 'Ольга Смирнова', holds: [] };
const ids = Array.from({ length: 3_000 }, (_, i) => `vk:123456:wall:77:${4_000 + i}`);

describe('offline share', () => {
  it('gives each appeal one owner, the same on every desk whatever order it lists the shift in', () => {
    const here = shareOwners([anna, dmitry, olga]);
    const there = shareOwners([olga, anna, dmitry]);
    for (const id of ids) expect(there(id)?.id).toBe(here(id)?.id);
  });

  it('shares near evenly among two and among three', () => {
    for (const shift of [[anna, dmitry], [anna, dmitry, olga]]) {
      const owner = shareOwners(shift);
      const counts = new Map<string, number>();
      for (const id of ids) counts.set(owner(id)!.id, (counts.get(owner(id)!.id) ?? 0) + 1);
      expect(counts.size).toBe(shift.length);
      for (const n of counts.values()) expect(Math.abs(n - ids.length / shift.length)).toBeLessThan(ids.length * 0.05);
    }
  });

  it('gives what each was reading as the channel went to them, whatever the hash says', () => {
    const byHash = shareOwners([anna, dmitry]);
    const annas = ids.filter((id) => byHash(id)?.id === anna.id).slice(0, 2);
    const owner = shareOwners([{ ...anna, holds: [] }, { ...dmitry, holds: annas }]);
    for (const id of annas) expect(owner(id)?.id).toBe(dmitry.id);
    expect(ids.filter((id) => !annas.includes(id)).every((id) => owner(id)?.id === byHash(id)?.id)).toBe(true);
  });

  it('shares a surge cluster by its id: one owner whichever member stands for it on a desk', () => {
    const owner = shareOwners([anna, dmitry, olga]);
    const members = ids.slice(0, 40);
    expect(new Set(members.map((id) => owner(id, 'cluster-vk:123456:wall:77:4000')?.id)).size).toBe(1);
    expect(new Set(members.map((id) => owner(id)?.id)).size).toBeGreaterThan(1);
  });

  it('gives nothing to nobody', () => {
    expect(shareOwners([])('vk:1')).toBeNull();
  });
});

describe('offline share words', () => {
  it('says how many operators share the queue, «между» agreeing with the count', () => {
    expect(offlineShareNotice(2)).toBe('Нет связи со сменой: обращения поделены между 2 операторами, ваши — сверху');
    expect(offlineShareNotice(21)).toContain('между 21 оператором,');
    expect(offlineShareNotice(5)).toContain('между 5 операторами,');
  });
});
