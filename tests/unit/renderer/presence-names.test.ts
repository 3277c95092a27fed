// The shift's names in the status bar (presence-names.ts): at most four, the rest folded into «+N», and fewer as the
// bar folds them to keep its key hints whole (StatusBar.tsx).
import { describe, expect, it } from 'vitest';
import type { TeamMemberView, TeamView } from '../../../shared/desk-api/team-contract.js';
import { onlineNames, presenceNamesText, SHOWN_NAMES } from '../../../renderer/src/features/team/presence-names.js';

const names = ['вы', 'Алексей М.', 'Дмитрий С.', 'Екатерина В.', 'Анна П.', 'Олег К.'];

describe('presence names', () => {
  it('shows at most four and folds the rest into «+N»', () => {
    expect(SHOWN_NAMES).toBe(4);
    expect(presenceNamesText(names, SHOWN_NAMES)).toBe('вы, Алексей М., Дмитрий С., Екатерина В. +2');
    expect(presenceNamesText(names.slice(0, 3), SHOWN_NAMES)).toBe('вы, Алексей М., Дмитрий С.');
  });

  it('folds one more name at each step, down to none', () => {
    expect(presenceNamesText(names, 2)).toBe('вы, Алексей М. +4');
    expect(presenceNamesText(names, 1)).toBe('вы +5');
    expect(presenceNamesText(names, 0)).toBe('');
    expect(presenceNamesText(names, -1)).toBe('');
    expect(presenceNamesText([], SHOWN_NAMES)).toBe('');
  });

  it('names the online members only, this desk\'s user as «вы»', () => {
    const member = (id: string, name: string, online: boolean): TeamMemberView =>
      ({ id, name, role: 'operator', onlineSince: online ? '2025-11-27T07:00:00Z' : null, holds: [] });
    const team: TeamView = { me: 'u1', heldByOthers: {}, members: [
      member('u2', 'Оператор 2 — Анна Петрова', true), member('u1', 'Оператор 1 — Олег Козлов', true),
      member('u3', 'Оператор 3 — Иван Гусев', false),
    ] };
    expect(onlineNames(team)).toEqual(['Анна П.', 'вы']);
    expect(onlineNames(null)).toEqual([]);
  });
});
