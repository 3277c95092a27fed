// The undo toast's words and countdown (#13): what was decided, the excerpt cut to one line, seconds rounded up
// and the bar's share of the window.
import { describe, expect, it } from 'vitest';
import type { UndoableDecision } from '../../../shared/desk-api/sync-contract.js';
import { countdown, countdownWords, toastDecisionText, toastExcerpt } from '../../../renderer/src/features/undo/undo-toast-text.js';

const BASE: UndoableDecision = {
  mutationIds: ['m1'], appealIds: ['a1'], excerpt: 'Во дворе не вывозят мусор',
  decision: { type: 'route', targetId: 'mingkh' }, batch: null, redecision: false, decidedAt: '2026-12-02T05:00:00.000Z',
  sendAt: '2026-12-02T05:00:07.000Z', windowMs: 7_000,
};
const names = (id: string) => (id === 'mingkh' ? 'МинЖКХ' : undefined);
const at = (iso: string) => Date.parse(iso);

describe('undo toast text', () => {
  it('says where it was routed, or why rejected, and counts a cluster', () => {
    expect(toastDecisionText(BASE, names)).toBe('Направлено: МинЖКХ');
    expect(toastDecisionText({ ...BASE, decision: { type: 'route', targetId: 'x' } }, names)).toBe('Направлено: x');
    expect(toastDecisionText({ ...BASE, decision: { type: 'reject', reason: 'spam' } }, names)).toBe('Отклонено: Спам, реклама');
    const cluster = { ...BASE, batch: 'cluster' as const };
    expect(toastDecisionText({ ...cluster, appealIds: ['a1', 'a2', 'a3', 'a4', 'a5'] }, names))
      .toBe('Направлено: МинЖКХ · группа, 5 обращений');
    expect(toastDecisionText({ ...cluster, appealIds: ['a1', 'a2'] }, names)).toBe('Направлено: МинЖКХ · группа, 2 обращения');
  });

  // Trial, lead desk: two rows of a queue re-routed read «Направлено: Мэрия Новосибирска · группа, 2 обращения».
  it('says «Перенаправлено» for a re-decision and counts a lead\'s selection without the cluster\'s word', () => {
    const names2 = (id: string) => (id === 'nsk' ? 'Мэрия Новосибирска' : undefined);
    const reroute: UndoableDecision = { ...BASE, appealIds: ['a1', 'a2'], decision: { type: 'route', targetId: 'nsk' },
      batch: 'selection', redecision: true };
    expect(toastDecisionText(reroute, names2)).toBe('Перенаправлено: Мэрия Новосибирска · 2 обращения');
    expect(toastDecisionText({ ...reroute, appealIds: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10', 'a11'] },
      names2)).toBe('Перенаправлено: Мэрия Новосибирска · 11 обращений');
    // From «Не разобрано» nothing was decided before: routed, not re-routed.
    expect(toastDecisionText({ ...reroute, redecision: false }, names2)).toBe('Направлено: Мэрия Новосибирска · 2 обращения');
    // One appeal re-decided (search, a conflict): no count; a batch of unknown kind (stored before it was kept): a count.
    expect(toastDecisionText({ ...reroute, appealIds: ['a1'] }, names2)).toBe('Перенаправлено: Мэрия Новосибирска');
    expect(toastDecisionText({ ...reroute, batch: null }, names2)).toBe('Перенаправлено: Мэрия Новосибирска · 2 обращения');
    // A rejection stays «Отклонено», re-decided or not.
    expect(toastDecisionText({ ...reroute, decision: { type: 'reject', reason: 'spam' } }, names2))
      .toBe('Отклонено: Спам, реклама · 2 обращения');
  });

  it('cuts the excerpt to one line', () => {
    expect(toastExcerpt('  строка\nвторая  ')).toBe('строка вторая');
    expect(toastExcerpt('')).toBe('Обращение без текста');
    const long = toastExcerpt('слово '.repeat(40), 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });

  it('counts whole seconds up and the bar down to zero', () => {
    expect(countdown(BASE, at('2026-12-02T05:00:00.000Z'))).toEqual({ seconds: 7, fraction: 1 });
    expect(countdown(BASE, at('2026-12-02T05:00:00.100Z')).seconds).toBe(7);
    expect(countdown(BASE, at('2026-12-02T05:00:03.500Z'))).toEqual({ seconds: 4, fraction: 0.5 });
    expect(countdown(BASE, at('2026-12-02T05:00:07.000Z'))).toEqual({ seconds: 0, fraction: 0 });
    expect(countdown(BASE, at('2026-12-02T05:00:09.000Z'))).toEqual({ seconds: 0, fraction: 0 });
    // A renderer clock a little behind the core's never shows more than the whole window.
    expect(countdown(BASE, at('2026-12-02T04:59:59.000Z'))).toEqual({ seconds: 8, fraction: 1 });
  });

  it('says the seconds, then «отправляется…» online and «ждёт связи» offline, where nothing can go', () => {
    expect(countdownWords(4, 'online')).toBe('4 с');
    expect(countdownWords(4, 'offline')).toBe('4 с');
    expect(countdownWords(0, 'online')).toBe('отправляется…');
    expect(countdownWords(0, 'offline')).toBe('ждёт связи');
    // With the desk's program gone nothing counts down (nothing is sent or undone): the decision is saved.
    expect(countdownWords(4, 'desk-down')).toBe('сохранено');
    expect(countdownWords(0, 'desk-down')).toBe('сохранено');
  });
});
