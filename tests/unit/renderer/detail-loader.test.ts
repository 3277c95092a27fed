// The detail pane's loader: a move paints a detail fetched ahead in the same update as the selection, fetches the
// next one ahead, and never shows a copy the core has since said is changed or that is too old.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeskBridge, LocalAppeal } from '../../../shared/desk-api/contract.js';
import { createDetailLoader, DETAIL_FRESH_MS } from '../../../renderer/src/store/detail-loader.js';
import type { DetailState } from '../../../renderer/src/store/state-types.js';

function local(id: string, text = `текст ${id}`): LocalAppeal {
  return {
    appeal: {
      id, source: 'vk', channel: { name: 'Минздрав НСО', url: 'https://vk.com/minzdrav_nso' }, author: { name: 'Житель' },
      text, attachments: [], receivedAt: '2026-12-01T03:00:00.000Z', status: 'new', targetId: null, rejectReason: null,
      version: 1, routedBy: null, routedAt: null,
    },
    pending: false,
  } as LocalAppeal;
}

/**
 * A bridge answering appeals.get from `texts` as they are when asked, counting calls per id. An id in `gated` is
 * answered only when the test calls `release(id)`: meanwhile its answer is on its way.
 */
function installBridge(texts: Map<string, string>, gated: ReadonlySet<string> = new Set()) {
  const calls: string[] = [];
  const waiting = new Map<string, () => void>();
  const desk = {
    call: async (method: string, input: { id: string }) => {
      if (method !== 'appeals.get') throw new Error(`unexpected ${method}`);
      calls.push(input.id);
      const text = texts.get(input.id);
      if (gated.has(input.id)) await new Promise<void>((resolve) => waiting.set(input.id, resolve));
      else await Promise.resolve();
      return text === undefined ? { ok: false, error: { code: 'not_found', message: 'нет' } } : { ok: true, value: local(input.id, text) };
    },
    on: () => () => {},
  } as unknown as DeskBridge;
  (globalThis as { window?: unknown }).window = { desk };
  const until = async (condition: () => boolean): Promise<void> => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 0));
    if (!condition()) throw new Error('condition never held');
  };
  return {
    calls,
    /** Waits until `id` was asked for and its answer is held, then lets it go. */
    async release(id: string): Promise<void> {
      await until(() => waiting.has(id));
      waiting.get(id)?.();
      waiting.delete(id);
    },
    asked: (id: string) => until(() => waiting.has(id)),
  };
}

function target() {
  const state: { selectedId: string | null; detail: DetailState | null; renders: number } = { selectedId: null, detail: null, renders: 0 };
  return {
    state,
    target: {
      selectedId: () => state.selectedId,
      detail: () => state.detail,
      setDetail: (detail: DetailState | null) => { state.detail = detail; state.renders++; },
    },
  };
}

const textOf = (detail: DetailState | null) => (detail?.phase === 'ready' ? detail.local.appeal.text : detail?.phase ?? null);

describe('createDetailLoader', () => {
  beforeEach(() => { delete (globalThis as { window?: unknown }).window; });
  afterEach(() => { delete (globalThis as { window?: unknown }).window; });

  it('paints a detail fetched ahead at once, in the same update as the selection, and fetches the next one ahead', async () => {
    const texts = new Map([['a', 'про школу'], ['b', 'про лифт'], ['c', 'про автобус']]);
    const { calls } = installBridge(texts);
    const { state, target: t } = target();
    const loader = createDetailLoader(t);
    state.selectedId = 'a';
    await loader.show('a', 'b');
    expect(textOf(state.detail)).toBe('про школу');
    expect(calls).toEqual(['a', 'b']);

    state.selectedId = 'b';
    const shown = loader.show('b', 'c');
    // Synchronously, before any frame or answer: the fetched-ahead copy is already the detail.
    expect(textOf(state.detail)).toBe('про лифт');
    await shown;
    expect(calls).toEqual(['a', 'b', 'c']); // b not asked again: the copy was young
  });

  it('never shows a copy the core said changed', async () => {
    const texts = new Map([['a', 'старый текст'], ['b', 'б']]);
    installBridge(texts);
    const { state, target: t } = target();
    const loader = createDetailLoader(t);
    state.selectedId = 'b';
    await loader.show('b', 'a');
    texts.set('a', 'правленый текст'); // the author edited it; the core says so
    loader.forget(['a']);
    state.selectedId = 'a';
    const shown = loader.show('a', null);
    expect(state.detail).toEqual({ id: 'a', phase: 'loading' });
    await shown;
    expect(textOf(state.detail)).toBe('правленый текст');
  });

  it('does not keep an answer fetched ahead that was on its way when the core said the appeal changed', async () => {
    const texts = new Map([['a', 'а'], ['b', 'до правки']]);
    const bridge = installBridge(texts, new Set(['b']));
    const { state, target: t } = target();
    const loader = createDetailLoader(t);
    state.selectedId = 'a';
    const first = loader.show('a', 'b');
    await bridge.asked('b');
    // b's answer (its text before the edit) is on its way when its author edits it and the core says so.
    texts.set('b', 'после правки');
    loader.forget(['b']);
    await bridge.release('b');
    await first;
    state.selectedId = 'b';
    const shown = loader.show('b', null);
    expect(state.detail?.phase).not.toBe('ready');
    await bridge.release('b');
    await shown;
    expect(textOf(state.detail)).toBe('после правки');
  });

  it('neither keeps nor paints an answer for the selection that a change overtook', async () => {
    const texts = new Map([['a', 'а v1'], ['b', 'б']]);
    const bridge = installBridge(texts, new Set(['a']));
    const { state, target: t } = target();
    const loader = createDetailLoader(t);
    state.selectedId = 'a';
    const loadingA = loader.show('a', null);
    await bridge.asked('a');
    // The operator moves on; a's text changes while its old answer travels.
    state.selectedId = 'b';
    const showingB = loader.show('b', null);
    texts.set('a', 'а v2');
    loader.forget(['a']);
    await bridge.release('a');
    await Promise.all([loadingA, showingB]);
    state.selectedId = 'a';
    const back = loader.show('a', null);
    expect(textOf(state.detail)).toBe('loading'); // the v1 answer was not kept
    await bridge.release('a');
    await back;
    expect(textOf(state.detail)).toBe('а v2');
  });

  it('paints an old copy at once, checks it with the core after the paint, repaints only what changed', async () => {
    const texts = new Map([['a', 'а'], ['b', 'б']]);
    const { calls } = installBridge(texts);
    let clock = 0;
    const { state, target: t } = target();
    const loader = createDetailLoader(t, () => clock);
    state.selectedId = 'a';
    await loader.show('a', 'b');
    clock += DETAIL_FRESH_MS + 1;
    state.selectedId = 'b';
    let renders = state.renders;
    await loader.show('b', 'a');
    expect(textOf(state.detail)).toBe('б');
    expect(state.renders).toBe(renders + 1); // painted from the copy; the check found it unchanged
    expect(calls.filter((id) => id === 'b')).toHaveLength(2);

    // Something no event named changed meanwhile: the check repaints it.
    clock += DETAIL_FRESH_MS + 1;
    texts.set('a', 'а, уже иначе');
    state.selectedId = 'a';
    renders = state.renders;
    await loader.show('a', null);
    expect(textOf(state.detail)).toBe('а, уже иначе');
    expect(state.renders).toBe(renders + 2);
  });

  it('forgets everything when the core names no appeal', async () => {
    const texts = new Map([['a', 'а'], ['b', 'б']]);
    const { calls } = installBridge(texts);
    const { state, target: t } = target();
    const loader = createDetailLoader(t);
    state.selectedId = 'a';
    await loader.show('a', 'b');
    loader.forget([]);
    state.selectedId = 'b';
    await loader.show('b', null);
    expect(calls).toEqual(['a', 'b', 'b']);
  });
});
