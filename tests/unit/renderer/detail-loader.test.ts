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

/** A bridge answering appeals.get from `texts`, counting calls per id. */
function installBridge(texts: Map<string, string>) {
  const calls: string[] = [];
  const desk = {
    call: async (method: string, input: { id: string }) => {
      if (method !== 'appeals.get') throw new Error(`unexpected ${method}`);
      calls.push(input.id);
      await Promise.resolve();
      const text = texts.get(input.id);
      return text === undefined ? { ok: false, error: { code: 'not_found', message: 'нет' } } : { ok: true, value: local(input.id, text) };
    },
    on: () => () => {},
  } as unknown as DeskBridge;
  (globalThis as { window?: unknown }).window = { desk };
  return calls;
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
    const calls = installBridge(texts);
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

  it('never shows a copy the core said changed, nor one older than the freshness bound', async () => {
    const texts = new Map([['a', 'старый текст'], ['b', 'б']]);
    const calls = installBridge(texts);
    let clock = 0;
    const { state, target: t } = target();
    const loader = createDetailLoader(t, () => clock);
    state.selectedId = 'b';
    await loader.show('b', 'a');
    texts.set('a', 'правленый текст'); // the author edited it; the core says so
    loader.forget(['a']);
    state.selectedId = 'a';
    const shown = loader.show('a', null);
    expect(state.detail).toEqual({ id: 'a', phase: 'loading' });
    await shown;
    expect(textOf(state.detail)).toBe('правленый текст');

    // A copy past the bound is not used either, even though no event named it.
    clock += DETAIL_FRESH_MS + 1;
    state.selectedId = 'b';
    const again = loader.show('b', null);
    expect(state.detail).toEqual({ id: 'b', phase: 'loading' }); // not b's old copy
    await again;
    expect(textOf(state.detail)).toBe('б');
    expect(calls.filter((id) => id === 'b')).toHaveLength(2);
  });

  it('does not keep an answer that was on its way when the core said the appeal changed', async () => {
    const texts = new Map([['a', 'а'], ['b', 'до правки']]);
    installBridge(texts);
    const { state, target: t } = target();
    const loader = createDetailLoader(t);
    state.selectedId = 'a';
    const first = loader.show('a', 'b');
    // While b is being fetched ahead, its author edits it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    loader.forget(['b']);
    texts.set('b', 'после правки');
    await first;
    state.selectedId = 'b';
    const shown = loader.show('b', null);
    expect(state.detail?.phase).not.toBe('ready');
    await shown;
    expect(textOf(state.detail)).toBe('после правки');
  });

  it('forgets everything when the core names no appeal', async () => {
    const texts = new Map([['a', 'а'], ['b', 'б']]);
    const calls = installBridge(texts);
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
