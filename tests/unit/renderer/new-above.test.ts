// The cue of unseen arrivals (store/inbox-slice.ts arrivedAbove, markSeen): the real renderer store against a fake desk
// bridge. Appeals that arrive above the selection are counted until the grid reports them on screen or its view reaches
// above them (Home onto more than a screen of them); one below the selection, the first page, a decided one and the
// urgency order count nothing; a single arrival patched in (not a reload) counts too.
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskResult } from '../../../shared/desk-api/contract.js';
import type { Appeal } from '../../../shared/domain/appeal.js';
import { useDeskStore } from '../../../renderer/src/store/desk-store.js';
import { NOT_FOUND, sleep, useFakeDesk } from './fake-desk.js';

const IDS = Array.from({ length: 10 }, (_, i) => `vk:1:wall:1:${100 - i}`);
const NEW = ['vk:1:wall:1:200', 'vk:1:wall:1:201'];

let listed: string[] = [];
const appeals = new Map<string, Appeal>();
const appeal = (id: string, receivedAt: string): Appeal => ({
  id, source: 'vk', channel: { name: 'Подслушано', url: 'https://vk.com/p' }, author: { name: 'Житель' }, text: 'Текст',
  attachments: [], receivedAt, status: 'new', targetId: null, rejectReason: null, version: 1, routedBy: null, routedAt: null,
});
useFakeDesk(function call(method: string, input: unknown): Promise<DeskResult<unknown>> {
  if (method === 'inbox.ids') return Promise.resolve({ ok: true, value: { ids: [...listed], clusters: {} } });
  if (method === 'team.hold') return Promise.resolve({ ok: true, value: { state: 'mine' } });
  if (method === 'appeals.get') {
    const found = appeals.get((input as { id: string }).id);
    return Promise.resolve(found ? { ok: true, value: { appeal: found, routeDueAt: null } } : NOT_FOUND);
  }
  return Promise.resolve(NOT_FOUND);
});

const state = () => useDeskStore.getState();
const arrived = () => [...state().arrivedAbove].sort();

async function openOn(index: number): Promise<void> {
  listed = [...IDS];
  await state().loadInbox();
  await sleep(400);
  state().select(IDS[index] ?? '');
  await sleep(400);
}

beforeEach(() => {
  state().clearInbox();
  useDeskStore.setState({ view: 'inbox', heldByOthers: new Map(), selectionHold: null, alert: null, notice: null, inboxOrder: 'newest' });
  appeals.clear();
});

describe('appeals arriving above the selection', () => {
  it('are counted until the grid shows them; the first page is no arrival', async () => {
    await openOn(4);
    expect(arrived()).toEqual([]);
    listed = [...NEW, ...IDS];
    await state().loadInbox();
    expect(arrived()).toEqual([...NEW].sort());
    expect(state().selectedId).toBe(IDS[4]);
    state().markSeen(IDS.slice(2, 8));
    expect(state().arrivedAbove.size).toBe(2);
    state().markSeen([NEW[1] ?? '', IDS[0] ?? '']);
    expect(arrived()).toEqual([NEW[0]]);
    // Home: the grid then shows the top rows, the newest among them.
    state().selectEdge('first');
    state().markSeen(state().rowIds.slice(0, 5));
    expect(arrived()).toEqual([]);
  });

  it('stop counting those the view has passed above: Home onto more arrivals than a screen holds leaves no cue', async () => {
    // Trial: the operator reading lower down while twelve arrived; Home shows the first three rows (a short screen):
    // the other nine are below the view now, not above it, and «↑ 9 новых» stayed on the first row at scrollTop 0.
    const many = Array.from({ length: 12 }, (_, i) => `vk:1:wall:1:${300 - i}`);
    await openOn(4);
    listed = [...many, ...IDS];
    await state().loadInbox();
    expect(state().arrivedAbove.size).toBe(12);
    // The view moved up by some rows (↑, PgUp): those now on screen are seen, those still above it still count.
    state().markSeen(state().rowIds.slice(8, 14));
    expect(arrived()).toEqual(many.slice(0, 8).sort());
    state().selectEdge('first');
    state().markSeen(state().rowIds.slice(0, 3));
    expect(arrived()).toEqual([]);
  });

  it('count one above the first row (the grid scrolls it out of sight to keep the row read still), not one below', async () => {
    await openOn(0);
    listed = [NEW[0] ?? '', ...IDS];
    await state().loadInbox();
    expect(arrived()).toEqual([NEW[0]]);
    // An older appeal pulled late lands below the selection: it comes into view as the operator works down.
    listed = [NEW[0] ?? '', ...IDS.slice(0, 6), 'vk:1:wall:1:95', ...IDS.slice(6)];
    await state().loadInbox();
    expect(arrived()).toEqual([NEW[0]]);
  });

  it('do not count an older appeal newly listed above the selection (a duplicate pair\'s member left on its own)', async () => {
    await openOn(6);
    listed = [NEW[0] ?? '', ...IDS.slice(0, 3), 'vk:1:wall:1:97', ...IDS.slice(3)];
    await state().loadInbox();
    expect(arrived()).toEqual([NEW[0]]);
  });

  it('stop counting one decided elsewhere, and count nothing in urgency order', async () => {
    await openOn(3);
    listed = [...NEW, ...IDS];
    await state().loadInbox();
    expect(state().arrivedAbove.size).toBe(2);
    listed = [NEW[1] ?? '', ...IDS];
    await state().loadInbox();
    expect(arrived()).toEqual([NEW[1]]);
    state().toggleInboxOrder();
    await sleep(0);
    expect(arrived()).toEqual([]);
    listed = [NEW[0] ?? '', ...listed];
    await state().loadInbox();
    expect(arrived()).toEqual([]);
  });

  it('count a single arrival patched into the list', async () => {
    for (const [i, id] of IDS.entries()) appeals.set(id, appeal(id, new Date(Date.UTC(2026, 11, 1, 10, 0 - i)).toISOString()));
    await openOn(2);
    // The rows the grid asked for carry the received times a newcomer's place is found by.
    await state().ensureRows(IDS);
    appeals.set(NEW[0] ?? '', appeal(NEW[0] ?? '', new Date(Date.UTC(2026, 11, 1, 11, 0)).toISOString()));
    listed = [NEW[0] ?? '', ...IDS];
    state().onAppealsChanged([NEW[0] ?? '']);
    await sleep(50);
    expect(state().rowIds[0]).toBe(NEW[0]);
    expect(arrived()).toEqual([NEW[0]]);
  });
});
