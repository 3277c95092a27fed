// The team hold of the inbox selection in the real renderer store (store/inbox-slice.ts), the core answered by a fake
// desk bridge: a held ↓ passing rows costs no store update per key for the hold (it is asked for, and shown as
// «pending», only once the selection rests), and the hold of the appeal left behind never vouches for the next one.
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskResult } from '../../../shared/desk-api/contract.js';
import type { HeldBy } from '../../../shared/desk-api/team-contract.js';
import { reassertHold } from '../../../renderer/src/store/desk-hold.js';
import { useDeskStore } from '../../../renderer/src/store/desk-store.js';
import { NOT_FOUND, sleep, useFakeDesk } from './fake-desk.js';
import type { DeskState } from '../../../renderer/src/store/state-types.js';

const IDS = Array.from({ length: 30 }, (_, i) => `vk:1:wall:1:${i + 1}`);
/** A held key repeats about every 33 ms. */
const KEY_REPEAT_MS = 30;
/** Longer than the rest before a hold is asked for (HOLD_REST_MS, 120 ms) plus a frame. */
const SETTLED_MS = 400;

// The store's timers run on vitest's clock: a loaded machine cannot stretch a key's 30 ms past the rest.

/** The core as the store sees it through window.desk: team.hold answers «mine», everything else fails quietly. */
const holdCalls: (string | null)[] = [];
useFakeDesk(function call(method: string, input: unknown): Promise<DeskResult<unknown>> {
  if (method === 'team.hold') {
    const { appealId } = input as { appealId: string | null };
    holdCalls.push(appealId);
    return Promise.resolve({ ok: true, value: { state: appealId === null ? 'released' : 'mine' } });
  }
  return Promise.resolve(NOT_FOUND);
});

beforeEach(async () => {
  useDeskStore.getState().clearInbox();
  useDeskStore.setState({ view: 'inbox', baseIds: IDS, rowIds: IDS, heldByOthers: new Map(), selectionHold: null, alert: null });
  useDeskStore.getState().select(IDS[0] ?? null);
  await sleep(SETTLED_MS);
  holdCalls.length = 0;
});

/** The store updates while `run` goes that changed selectionHold, each with the value it set. */
async function holdUpdates(run: () => Promise<void>): Promise<DeskState['selectionHold'][]> {
  const hold: DeskState['selectionHold'][] = [];
  const off = useDeskStore.subscribe((state, previous) => {
    if (state.selectionHold !== previous.selectionHold) hold.push(state.selectionHold);
  });
  try {
    await run();
  } finally {
    off();
  }
  return hold;
}

describe('the hold of the inbox selection', () => {
  it('moving 10 rows quickly costs no hold update per key; the resting row gets pending, then mine, asked once', async () => {
    expect(useDeskStore.getState().selectionHold).toEqual({ id: IDS[0], state: 'mine' });
    const moving = await holdUpdates(async () => {
      for (let i = 0; i < 10; i++) {
        useDeskStore.getState().moveBy(1);
        await sleep(KEY_REPEAT_MS);
      }
    });
    expect(useDeskStore.getState().selectedId).toBe(IDS[10]);
    // Only the hold of the row left behind goes (once, at the first key); before, «pending» was set at every key:
    // 10 of the run's 40 updates (now 31: the selection and the detail pane's two per key), each a render of every
    // subscriber.
    expect(moving).toEqual([null]);

    const resting = await holdUpdates(() => sleep(SETTLED_MS));
    expect(resting).toEqual([{ id: IDS[10], state: 'pending' }, { id: IDS[10], state: 'mine' }]);
    // The rows passed were never asked for: one request, for the row the operator rests on.
    expect(holdCalls).toEqual([IDS[10]]);
  });

  it('the «mine» of the appeal left behind does not let a decision on a colleague\'s appeal through on one key', async () => {
    const colleague: HeldBy = { id: 'operator3', name: 'Анна Петрова', since: '2026-12-02T09:00:00.000Z' };
    useDeskStore.setState({ heldByOthers: new Map([[IDS[1] ?? '', colleague]]) });
    expect(useDeskStore.getState().selectionHold?.state).toBe('mine');
    useDeskStore.getState().moveBy(1);
    expect(useDeskStore.getState().selectedId).toBe(IDS[1]);
    // At once, before this appeal's hold is asked for: the first key only warns.
    await useDeskStore.getState().decide({ type: 'route', targetId: 'zdrav' });
    expect(useDeskStore.getState().alert?.text).toContain('Нажмите ту же клавишу ещё раз');
    expect(useDeskStore.getState().rowIds).toContain(IDS[1]);
  });

  it('a new core after a crash is asked again for the hold the page last asked for (it holds nothing)', async () => {
    expect(useDeskStore.getState().selectionHold).toEqual({ id: IDS[0], state: 'mine' });
    reassertHold();
    await sleep(10);
    expect(holdCalls).toEqual([IDS[0]]);
  });
});
