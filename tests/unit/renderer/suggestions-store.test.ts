// The suggestions the renderer holds follow the model (suggestions-store.ts): a «changed» event that names an appeal
// whose first load is still on its way re-asks — before, the answer on its way (computed before the model looked)
// was kept and the row read «Модель ещё не оценила» until it left the screen (the late e2e suggestions, CI 1 Dec) —
// and an older answer arriving after a newer one does not overwrite it.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DeskBridge, DeskResult } from '../../../shared/desk-api/contract.js';
import type { AppealSuggestions } from '../../../shared/desk-api/routing-contract.js';
import { followSuggestionChanges, useSuggestionsStore } from '../../../renderer/src/features/suggestions/suggestions-store.js';

interface Asked { ids: string[]; answer(items: AppealSuggestions[]): void; fail(): void }
const asked: Asked[] = [];
const listeners = new Map<string, (payload: unknown) => void>();

const withWindow = globalThis as unknown as { window?: { desk: DeskBridge } };
beforeAll(() => {
  withWindow.window = {
    desk: {
      call: (method, input) => new Promise<DeskResult<unknown>>((resolve) => {
        if (method !== 'suggestions.forIds') return resolve({ ok: false, error: { code: 'not_found', message: 'нет' } });
        asked.push({ ids: [...(input as { ids: string[] }).ids], answer: (items) => resolve({ ok: true, value: { items } }),
          fail: () => resolve({ ok: false, error: { code: 'unreachable', message: 'нет связи' } }) });
      }),
      on: (event, listener) => { listeners.set(event, listener); return () => listeners.delete(event); },
    },
  };
  followSuggestionChanges();
});
afterAll(() => { delete withWindow.window; });

const unscored = (appealId: string): AppealSuggestions => ({ appealId, suggestions: [], place: null, reject: null, ready: false });
const scored = (appealId: string): AppealSuggestions => ({
  appealId, place: null, reject: null, ready: true, suggestions: [{ targetId: 'minzdrav', name: 'Минздрав', score: 0.8, reason: 'слова: поликлиника' }],
});
const held = (id: string) => useSuggestionsStore.getState().byId.get(id);
const changed = (ids: string[]) => listeners.get('suggestions.changed')?.({ ids });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test('a change named while the first load is on its way re-asks, and the older answer does not win', async () => {
  const first = useSuggestionsStore.getState().load(['a-1', 'a-2']);
  expect(asked).toHaveLength(1);
  changed(['a-1']);
  expect(asked.map((a) => a.ids)).toEqual([['a-1', 'a-2'], ['a-1']]);
  // The re-ask answers first (scored), then the first load's answer from before the model looked.
  asked[1]?.answer([scored('a-1')]);
  await settle();
  asked[0]?.answer([unscored('a-1'), unscored('a-2')]);
  await first;
  expect(held('a-1')?.ready).toBe(true);
  expect(held('a-2')?.ready).toBe(false);
});

test('in the usual order too: the first answer is unscored, the re-ask brings the scored one', async () => {
  asked.length = 0;
  const first = useSuggestionsStore.getState().load(['b-1']);
  changed(['b-1', 'not-on-screen']);
  expect(asked.map((a) => a.ids)).toEqual([['b-1'], ['b-1']]);
  asked[0]?.answer([unscored('b-1')]);
  await first;
  asked[1]?.answer([scored('b-1')]);
  await settle();
  expect(held('b-1')?.ready).toBe(true);
  expect(held('not-on-screen')).toBeUndefined();
});

test('an empty change list re-asks everything held and on its way', async () => {
  asked.length = 0;
  void useSuggestionsStore.getState().load(['c-1']);
  changed([]);
  expect(asked[1]?.ids.sort()).toEqual(['a-1', 'a-2', 'b-1', 'c-1']);
});

test('when the re-ask fails (the core briefly unreachable), the answer set aside for it is shown rather than none', async () => {
  asked.length = 0;
  const first = useSuggestionsStore.getState().load(['d-1']);
  changed(['d-1']);
  asked[0]?.answer([scored('d-1')]);
  await first;
  expect(held('d-1')).toBeUndefined(); // set aside: a newer ask is on its way
  asked[1]?.fail();
  await settle();
  expect(held('d-1')?.ready).toBe(true);
});
