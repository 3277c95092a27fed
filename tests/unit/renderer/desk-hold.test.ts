// The desk's one team hold (renderer/src/store/desk-hold.ts), asked by the inbox and by the search results: the calls
// the core gets when the operator moves between the two sections, the core answered by a fake desk bridge.
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeskResult } from '../../../shared/desk-api/contract.js';
import type { HoldOutcome } from '../../../shared/desk-api/team-contract.js';
import { forgetHolds, holdFor, releaseFor, type HoldAsk, type SelectionHold } from '../../../renderer/src/store/desk-hold.js';
import { NOT_FOUND, sleep, useFakeDesk } from './fake-desk.js';

/** Longer than the rest before a hold is asked for (HOLD_REST_MS, 120 ms) plus a frame. */
const SETTLED_MS = 400;

const holdCalls: (string | null)[] = [];
let answer: HoldOutcome['state'] = 'mine';
/** How long the core takes to answer a hold (a round trip to the central API). */
let answerAfterMs = 0;
useFakeDesk(function call(method: string, input: unknown): Promise<DeskResult<unknown>> {
  if (method !== 'team.hold') return Promise.resolve(NOT_FOUND);
  const { appealId } = input as { appealId: string | null };
  holdCalls.push(appealId);
  const value = { ok: true as const, value: { state: appealId === null ? 'released' : answer } };
  return new Promise((resolve) => { setTimeout(() => resolve(value), answerAfterMs); });
});

/** A section's side of one ask: what it was shown and answered. */
function asking(settled: Promise<unknown> = Promise.resolve()): HoldAsk & { shown: SelectionHold[]; outcomes: HoldOutcome[] } {
  const shown: SelectionHold[] = [];
  const outcomes: HoldOutcome[] = [];
  return {
    shown, outcomes,
    settled: () => settled,
    show: (hold) => shown.push(hold),
    current: () => true,
    answered: (outcome) => outcomes.push(outcome),
  };
}

beforeEach(async () => {
  forgetHolds();
  answer = 'mine';
  answerAfterMs = 0;
  await sleep(SETTLED_MS);
  holdCalls.length = 0;
});

describe('the desk\'s one hold', () => {
  it('asks once the selection rests, shows pending then the answer, and only the newest of a run of selections', async () => {
    const passed = asking();
    void holdFor('inbox', 'a1', passed);
    await sleep(30);
    const rested = asking();
    void holdFor('inbox', 'a2', rested);
    await sleep(SETTLED_MS);
    expect(holdCalls).toEqual(['a2']);
    expect(passed.shown).toEqual([]);
    expect(rested.shown).toEqual([{ id: 'a2', state: 'pending' }, { id: 'a2', state: 'mine' }]);
    expect(rested.outcomes).toEqual([{ state: 'mine' }]);
  });

  it('waits for a decision call before asking: the decided appeal is never free on the server in between', async () => {
    let back!: () => void;
    const decision = new Promise<void>((resolve) => { back = resolve; });
    void holdFor('search', 's1', asking(decision));
    await sleep(SETTLED_MS);
    expect(holdCalls).toEqual([]);
    back();
    await sleep(SETTLED_MS);
    expect(holdCalls).toEqual(['s1']);
  });

  it('a release from the section just left, waiting for its decision call, does not clear the hold the other asked', async () => {
    void holdFor('search', 's1', asking());
    await sleep(SETTLED_MS);
    let back!: () => void;
    const decision = new Promise<void>((resolve) => { back = resolve; });
    // Back to the inbox while the search's last decision is still on its way: the search lets go, the inbox asks.
    void releaseFor('search', () => decision);
    void holdFor('inbox', 'i1', asking());
    await sleep(SETTLED_MS);
    back();
    await sleep(SETTLED_MS);
    expect(holdCalls).toEqual(['s1', 'i1']);
  });

  it('a section lets go only of what it asked: the inbox leaving after the search asked sends nothing', async () => {
    void holdFor('inbox', 'i1', asking());
    await sleep(SETTLED_MS);
    // Into «Поиск»: its result is asked for first (its store moved first), then the inbox is told it is off screen.
    void holdFor('search', 's1', asking());
    void releaseFor('inbox');
    await sleep(SETTLED_MS);
    expect(holdCalls).toEqual(['i1', 's1']);
    // Esc to the search box: the search's own release goes.
    void releaseFor('search');
    await sleep(SETTLED_MS);
    expect(holdCalls).toEqual(['i1', 's1', null]);
    // Nothing held from here now: another release is not sent again.
    void releaseFor('search');
    await sleep(SETTLED_MS);
    expect(holdCalls).toEqual(['i1', 's1', null]);
  });

  it('into «Поиск» and out again before its ask: the inbox\'s hold is let go, not left on colleagues\' screens', async () => {
    void holdFor('inbox', 'i1', asking());
    await sleep(SETTLED_MS);
    // Ctrl+2: the search's subscriber asks first, then the inbox is told it is off screen (ui-slice.ts setView).
    void holdFor('search', 's1', asking());
    void releaseFor('inbox');
    // ↓ onto a decided result (or Esc, or Ctrl+3) within the rest: the search wants nothing any more.
    await sleep(30);
    void releaseFor('search');
    await sleep(SETTLED_MS);
    expect(holdCalls).toEqual(['i1', null]);
  });

  it('at the page\'s start a release is sent although nothing was asked yet: a reloaded page\'s core may still hold one', async () => {
    void releaseFor('inbox');
    await sleep(SETTLED_MS);
    expect(holdCalls).toEqual([null]);
  });

  it('an answer for a selection that moved on meanwhile is not shown, and «superseded» never is', async () => {
    let selected = true;
    const moved = { ...asking(), current: () => selected };
    answerAfterMs = 100;
    void holdFor('inbox', 'i1', moved);
    // Asked at 120 ms, answered at 220 ms: the operator moves on in between.
    await sleep(170);
    expect(holdCalls).toEqual(['i1']);
    selected = false;
    await sleep(SETTLED_MS);
    expect(holdCalls).toEqual(['i1']);
    expect(moved.shown).toEqual([{ id: 'i1', state: 'pending' }]);
    expect(moved.outcomes).toEqual([]);

    answer = 'superseded';
    const superseded = asking();
    void holdFor('inbox', 'i2', superseded);
    await sleep(SETTLED_MS);
    expect(superseded.shown).toEqual([{ id: 'i2', state: 'pending' }]);
    expect(superseded.outcomes).toEqual([]);
  });
});
