// A lead's re-route of a queue selection, decided before any call (trial, lead desk at 1366×768: «Ctrl+A» then «9» on
// «Не разобрано» sent 5 194 appeals with no question and came back with the desk method's validation text): a few
// go at once, more are asked about by count and target, more than the method takes are refused in plain Russian.
import { describe, expect, it } from 'vitest';
import { LEAD_METHODS, MAX_REDECIDE_APPEALS } from '../../../shared/desk-api/lead-contract.js';
import {
  REROUTE_AT_ONCE_MAX, reroutePlan, rerouteQuestion, tooManyToReroute,
} from '../../../renderer/src/features/lead/reroute-plan.js';

const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

describe('re-route plan', () => {
  it('sends up to ten at once, asks above, refuses above what one call of the desk method takes', () => {
    expect(REROUTE_AT_ONCE_MAX).toBe(10);
    expect(reroutePlan(1, 'Shift+↓')).toEqual({ kind: 'send' });
    expect(reroutePlan(10, 'Shift+↓')).toEqual({ kind: 'send' });
    expect(reroutePlan(11, 'Shift+↓')).toEqual({ kind: 'confirm' });
    expect(reroutePlan(MAX_REDECIDE_APPEALS, 'Shift+↓')).toEqual({ kind: 'confirm' });
    expect(reroutePlan(MAX_REDECIDE_APPEALS + 1, 'Shift+↓').kind).toBe('refuse');
  });

  it('refuses exactly where the desk method\'s input does: one limit for both', () => {
    const input = LEAD_METHODS['appeals.redecide'].input;
    const call = (n: number) => input.safeParse({
      appealIds: Array.from({ length: n }, (_, i) => `a-${i}`), decision: { type: 'route', targetId: 'minzdrav' },
    }).success;
    expect(call(MAX_REDECIDE_APPEALS)).toBe(true);
    expect(reroutePlan(MAX_REDECIDE_APPEALS, 'Shift+↓').kind).not.toBe('refuse');
    expect(call(MAX_REDECIDE_APPEALS + 1)).toBe(false);
    expect(reroutePlan(MAX_REDECIDE_APPEALS + 1, 'Shift+↓').kind).toBe('refuse');
  });

  it('names the count, the limit and the key in the refusal, and the count and target in the question', () => {
    expect(plain(tooManyToReroute(5_194, 'Shift+↓'))).toBe(
      'Выделено 5 194 обращения, а за один раз можно направить не больше 1 000: выделите часть очереди (Shift+↓)');
    expect(reroutePlan(5_194, 'Shift+↓')).toEqual({ kind: 'refuse', message: tooManyToReroute(5_194, 'Shift+↓') });
    // X's refusal says what X does.
    expect(plain(tooManyToReroute(1_001, 'Shift+↓', 'reject'))).toContain('можно отклонить не больше 1 000');
    expect(reroutePlan(1_001, 'Shift+↓', 'reject')).toEqual({ kind: 'refuse', message: tooManyToReroute(1_001, 'Shift+↓', 'reject') });
    expect(plain(rerouteQuestion(900, 'Минздрав НСО', true))).toBe('Перенаправить 900 обращений → Минздрав НСО?');
    expect(plain(rerouteQuestion(1_000, 'Минздрав НСО', true))).toBe('Перенаправить 1 000 обращений → Минздрав НСО?');
    expect(rerouteQuestion(21, 'Мэрия Новосибирска', true)).toBe('Перенаправить 21 обращение → Мэрия Новосибирска?');
    // «Не разобрано»: nothing was routed before, so it is routed, not re-routed.
    expect(rerouteQuestion(12, 'Минздрав НСО', false)).toBe('Направить 12 обращений → Минздрав НСО?');
  });
});
