// A decision on an appeal a colleague reads takes its key twice (hold-confirmation.ts): the second press counts for as
// long as the alert asking for it stands. A helper's trial of 5 December pressed again some seconds on, the alert still
// there — and the press only re-armed the question, nothing decided.
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain/appeal.js';
import { HoldConfirmation } from '../../../renderer/src/lists/hold-confirmation.js';
import { ALERT_MIN_MS, readingTimeMs } from '../../../renderer/src/store/ui-slice.js';

const ROUTE: Decision = { type: 'route', targetId: 't-health' };
const OTHER: Decision = { type: 'route', targetId: 't-transport' };
const WHO = '1 обращение из выделенных сейчас смотрит Анна П.';

describe('HoldConfirmation', () => {
  it('decides on the same key while its alert stands, and asks again once it has gone', () => {
    const alerts: string[] = [];
    const confirmation = new HoldConfirmation();
    const t0 = 1_000_000;
    expect(confirmation.confirmOver('a1', ROUTE, WHO, (text) => alerts.push(text), 'key', t0)).toBe(false);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('Нажмите ту же клавишу ещё раз');
    const stands = readingTimeMs(alerts[0]!, ALERT_MIN_MS);
    expect(stands).toBeGreaterThanOrEqual(ALERT_MIN_MS);
    // Seven seconds on, the alert still shown: the second press decides.
    expect(confirmation.pendingId(t0 + 7_000)).toBe('a1');
    expect(confirmation.confirmOver('a1', ROUTE, WHO, (text) => alerts.push(text), 'key', t0 + 7_000)).toBe(true);
    expect(alerts).toHaveLength(1);

    // After the alert has gone, a press is a first press again: it asks, and says so.
    expect(confirmation.confirmOver('a1', ROUTE, WHO, (text) => alerts.push(text), 'key', t0 + 20_000)).toBe(false);
    expect(confirmation.pendingId(t0 + 20_000 + stands + 1)).toBeNull();
    expect(confirmation.confirmOver('a1', ROUTE, WHO, (text) => alerts.push(text), 'key', t0 + 20_000 + stands + 1)).toBe(false);
    expect(alerts).toHaveLength(3);
  });

  it('another key or another appeal starts over', () => {
    const confirmation = new HoldConfirmation();
    const none = (): void => {};
    expect(confirmation.confirmOver('a1', ROUTE, WHO, none, 'key', 0)).toBe(false);
    expect(confirmation.confirmOver('a1', OTHER, WHO, none, 'key', 1_000)).toBe(false);
    expect(confirmation.confirmOver('a2', OTHER, WHO, none, 'key', 2_000)).toBe(false);
    expect(confirmation.confirmOver('a2', OTHER, WHO, none, 'key', 3_000)).toBe(true);
  });

  it('asks for the same choice in the dialog, not the same key, when the decision came from one', () => {
    const alerts: string[] = [];
    const confirmation = new HoldConfirmation();
    expect(confirmation.confirmOver('a1', ROUTE, WHO, (text) => alerts.push(text), 'dialog', 0)).toBe(false);
    expect(alerts[0]).toContain('Выберите то же решение ещё раз');
    expect(alerts[0]).not.toContain('клавишу');
    // The same choice again — through the dialog or the key that makes it — decides.
    expect(confirmation.confirmOver('a1', ROUTE, WHO, (text) => alerts.push(text), 'dialog', 2_000)).toBe(true);
  });
});
