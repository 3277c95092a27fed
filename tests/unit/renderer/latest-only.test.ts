import { describe, expect, it } from 'vitest';
import { createDebouncer, createLatestOnly, type TimerApi } from '../../../renderer/src/features/search/latest-only.js';

/** A hand-driven clock: timers fire only when the test advances it. */
function fakeTimers(): TimerApi & { advance(ms: number): void } {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    set: (fn, ms) => { timers.set(++seq, { at: now + ms, fn }); return seq; },
    clear: (handle) => { timers.delete(handle as number); },
    advance(ms) {
      now += ms;
      for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now) { timers.delete(id); t.fn(); }
      }
    },
  };
}

describe('latest-only guard', () => {
  it('keeps only the newest answer, whatever order they come back in', async () => {
    const guard = createLatestOnly();
    const shown: string[] = [];
    const answer = (text: string, after: Promise<void>) => {
      const ticket = guard.begin();
      return after.then(() => { if (guard.isCurrent(ticket)) shown.push(text); });
    };
    let releaseSlow!: () => void;
    const slow = answer('му', new Promise<void>((r) => { releaseSlow = r; }));
    const fast = answer('мусор', Promise.resolve());
    await fast;
    releaseSlow();
    await slow;
    expect(shown).toEqual(['мусор']);
  });

  it('drops every answer in flight when the query is cleared', async () => {
    const guard = createLatestOnly();
    const ticket = guard.begin();
    guard.cancel();
    expect(guard.isCurrent(ticket)).toBe(false);
    expect(guard.isCurrent(guard.begin())).toBe(true);
  });
});

describe('debouncer', () => {
  it('runs once after the typing pauses, not per keystroke', () => {
    const timers = fakeTimers();
    let runs = 0;
    const d = createDebouncer(() => { runs++; }, 120, timers);
    for (let i = 0; i < 5; i++) { d.schedule(); timers.advance(50); }
    expect(runs).toBe(0);
    timers.advance(70);
    expect(runs).toBe(1);
    expect(d.pending()).toBe(false);
  });

  it('flush runs a waiting call at once (Enter), and does nothing when none waits', () => {
    const timers = fakeTimers();
    let runs = 0;
    const d = createDebouncer(() => { runs++; }, 120, timers);
    d.flush();
    expect(runs).toBe(0);
    d.schedule();
    d.flush();
    expect(runs).toBe(1);
    timers.advance(500);
    expect(runs).toBe(1);
    d.schedule();
    d.cancel();
    timers.advance(500);
    expect(runs).toBe(1);
  });
});
