// The real renderer store (store/inbox-slice.ts, store/ui-slice.ts) against a fake desk bridge: appeals arriving never
// swap the selected appeal (nor its detail) under an operator who has pressed nothing yet, an empty inbox still takes
// the first arrival, and a decision's notice — arriving after its call — ends only an alert raised before the decision
// began, never one a later key raised while the call was out.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskResult } from '../../../shared/desk-api/contract.js';
import { useDeskStore } from '../../../renderer/src/store/desk-store.js';
import { NOT_FOUND, sleep, useFakeDesk } from './fake-desk.js';

const IDS = Array.from({ length: 10 }, (_, i) => `vk:1:wall:1:${i + 1}`);
const NEW = ['vk:1:wall:1:100', 'vk:1:wall:1:101'];


/** What inbox.ids answers now (newest first), and the route calls waiting for the test to answer them. */
let listed: string[] = [];
const routes: ((result: DeskResult<unknown>) => void)[] = [];
useFakeDesk(function call(method: string): Promise<DeskResult<unknown>> {
  if (method === 'inbox.ids') return Promise.resolve({ ok: true, value: { ids: [...listed], clusters: {} } });
  if (method === 'team.hold') return Promise.resolve({ ok: true, value: { state: 'mine' } });
  if (method === 'appeals.route') return new Promise((resolve) => { routes.push(resolve); });
  return Promise.resolve(NOT_FOUND);
});

beforeEach(() => {
  useDeskStore.getState().clearInbox();
  useDeskStore.setState({ view: 'inbox', heldByOthers: new Map(), selectionHold: null, alert: null, notice: null });
  routes.length = 0;
});

const state = () => useDeskStore.getState();

describe('the inbox selection as appeals arrive', () => {
  it('the first page selects its first row; arrivals above it leave that appeal and its detail selected', async () => {
    listed = [...IDS];
    await state().loadInbox();
    await sleep(400);
    expect(state().selectedId).toBe(IDS[0]);
    expect(state().detail?.id).toBe(IDS[0]);
    // Nothing pressed (the operator is reading): two appeals arrive, each the newest.
    for (const [i, id] of NEW.entries()) {
      listed = [id, ...listed];
      await state().loadInbox();
      await sleep(400);
      expect(state().rowIds.slice(0, i + 1)).toEqual([...NEW.slice(0, i + 1)].reverse());
      expect(state().selectedId).toBe(IDS[0]);
      expect(state().detail?.id).toBe(IDS[0]);
    }
  });

  it('a desk that opened on an empty inbox selects the first appeal that arrives', async () => {
    listed = [];
    await state().loadInbox();
    expect(state().selectedId).toBeNull();
    listed = [NEW[0] ?? ''];
    await state().loadInbox();
    await sleep(400);
    expect(state().selectedId).toBe(NEW[0]);
    expect(state().detail?.id).toBe(NEW[0]);
  });
});

describe('a decision\'s notice and the alert', () => {
  it('ends an alert raised before the decision began', async () => {
    listed = [...IDS];
    await state().loadInbox();
    await sleep(400);
    state().showAlert('Нечего отменять');
    const deciding = state().decide({ type: 'route', targetId: 'mingkh' });
    await sleep(0);
    routes[0]?.({ ok: true, value: { mutationId: 'm1', appealId: IDS[0] } });
    await deciding;
    expect(state().notice?.text).toMatch(/^Направлено/);
    expect(state().alert).toBeNull();
  });

  it('leaves an alert a later key raised while the decision\'s call was out', async () => {
    listed = [...IDS];
    await state().loadInbox();
    await sleep(400);
    const deciding = state().decide({ type: 'route', targetId: 'mingkh' });
    await sleep(0);
    // The list has moved to the next appeal; a key on it is refused, said in an alert.
    expect(state().selectedId).toBe(IDS[1]);
    const refusal = 'Обращение, решение по которому вы подтверждали, уже не выбрано: решение не принято.';
    state().showAlert(refusal);
    expect(routes).toHaveLength(1);
    routes[0]?.({ ok: true, value: { mutationId: 'm1', appealId: IDS[0] } });
    await deciding;
    expect(state().notice?.text).toMatch(/^Направлено/);
    expect(state().alert?.text).toBe(refusal);
  });

  it('a move of the selection ends the alert', async () => {
    listed = [...IDS];
    await state().loadInbox();
    await sleep(400);
    state().showAlert('Нечего отменять');
    state().moveBy(1);
    expect(state().alert).toBeNull();
  });
});

describe('the rest before a hold is asked for', () => {
  it('a held ↓ keeps one rest timer alive, not one per key passed', async () => {
    listed = [...IDS];
    await state().loadInbox();
    await sleep(400);
    const idle = vi.getTimerCount();
    for (let i = 0; i < 8; i++) {
      state().moveBy(1);
      await sleep(30); // a held key's repeat
    }
    // Before: each key's 120 ms rest was a timer of its own, about four alive at any moment of the run.
    expect(vi.getTimerCount() - idle).toBeLessThanOrEqual(1);
    await sleep(400);
    expect(state().selectionHold).toEqual({ id: IDS[8], state: 'mine' });
  });
});
