// The real renderer store against a fake desk bridge: two desks opening together land on the same newest appeal;
// the one that loses must go to the next appeal in that one's place — not to the oldest one at the bottom, where it
// went when the colleague's hold (team.changed) reached it before its own hold's answer had (QA, 3 of 3 openings).
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskResult } from '../../../shared/desk-api/contract.js';
import type { HoldOutcome, TeamView } from '../../../shared/desk-api/team-contract.js';
import { freeRowsBefore, nextFreeSelection } from '../../../shared/team/inbox-arrangement.js';
import { useDeskStore } from '../../../renderer/src/store/desk-store.js';
import { NOT_FOUND, sleep, useFakeDesk } from './fake-desk.js';

const IDS = Array.from({ length: 10 }, (_, i) => `vk:1:wall:1:${i + 1}`);
const COLLEAGUE = { id: 'u-operator2', name: 'Оператор 2 — Дмитрий Соколов', since: '2026-12-02T10:00:00.000Z' };

/** Hold requests waiting for the test to answer them, by appeal id. */
const holds = new Map<string, (result: DeskResult<HoldOutcome>) => void>();
useFakeDesk(function call(method: string, input?: unknown): Promise<DeskResult<unknown>> {
  if (method === 'inbox.ids') return Promise.resolve({ ok: true, value: { ids: [...IDS], clusters: {} } });
  if (method === 'team.hold') {
    const { appealId } = input as { appealId: string | null };
    if (appealId === null) return Promise.resolve({ ok: true, value: { state: 'released' } });
    return new Promise((resolve) => { holds.set(appealId, resolve as (result: DeskResult<HoldOutcome>) => void); });
  }
  return Promise.resolve(NOT_FOUND);
});

beforeEach(() => {
  useDeskStore.getState().clearInbox();
  useDeskStore.setState({ view: 'inbox', heldByOthers: new Map(), selectionHold: null, alert: null, notice: null });
  holds.clear();
});

const state = () => useDeskStore.getState();
const heldBy = (ids: string[]): TeamView => ({ me: 'u-operator1', members: [],
  heldByOthers: Object.fromEntries(ids.map((id) => [id, COLLEAGUE])) });

describe('a colleague got to the selected appeal first', () => {
  it('their hold arriving before this desk\'s answer moves the selection to the next appeal in its place', async () => {
    await state().loadInbox();
    await sleep(400);
    expect(state().selectedId).toBe(IDS[0]);
    expect(holds.has(IDS[0]!)).toBe(true); // asked, not answered yet
    state().applyTeam(heldBy([IDS[0]!]));
    expect(state().selectedId).toBe(IDS[1]);
    expect(state().rowIds.at(-1)).toBe(IDS[0]);
    expect(state().notice?.text).toContain('уже смотрит Дмитрий С.');
    // The late answer about the appeal left behind changes nothing.
    holds.get(IDS[0]!)?.({ ok: true, value: { state: 'taken', holder: COLLEAGUE } });
    await sleep(400);
    expect(state().selectedId).toBe(IDS[1]);
  });

  it('the answer «taken» after the colleague\'s hold was already shown lands on the next appeal too', async () => {
    await state().loadInbox();
    await sleep(400);
    // The operator is on the third row; the colleague's hold on it is known, this desk's is pending.
    state().select(IDS[2]!);
    await sleep(400);
    holds.get(IDS[2]!)?.({ ok: true, value: { state: 'taken', holder: COLLEAGUE } });
    await sleep(50);
    expect(state().selectedId).toBe(IDS[3]);
  });

  it('stays on a colleague\'s appeal the operator went to on purpose (End onto the held rows)', async () => {
    state().applyTeam(heldBy([IDS[4]!]));
    await state().loadInbox();
    await sleep(400);
    state().select(IDS[4]!);
    await sleep(400);
    state().applyTeam(heldBy([IDS[4]!, IDS[5]!]));
    expect(state().selectedId).toBe(IDS[4]);
  });
});

describe('freeRowsBefore', () => {
  it('gives the place among the free rows, so the arranged list\'s row there is the one that followed', () => {
    const held = new Set(['b', 'd']);
    const isHeld = (id: string) => held.has(id);
    expect(freeRowsBefore(['a', 'b', 'c', 'd', 'e'], 'd', isHeld)).toBe(2);
    // Arranged (free first, then held): a c e b d — the free row at 2 is «e», the one after «d».
    expect(nextFreeSelection(['a', 'c', 'e', 'b', 'd'], 2, isHeld)).toBe('e');
    expect(freeRowsBefore(['a'], 'x', isHeld)).toBe(-1);
  });
});
