// What a colleague let go between two team snapshots (team-service.ts): the desk holds again at once what it wants
// among them, instead of waiting for its renewal. Its own releases and appeals someone still holds are not news.
import { describe, expect, it } from 'vitest';
import type { TeamSnapshot } from '../../../shared/central-api/team-contract.js';
import { releasedByColleagues } from '../../../electron/core/team/team-service.js';

const hold = (appealId: string) => ({ appealId, since: '2026-12-05T07:00:00.000Z', expiresAt: '2026-12-05T07:01:30.000Z' });
const member = (id: string, holds: string[]) => ({ id, name: id, role: 'operator' as const, onlineSince: null, holds: holds.map(hold) });
const snapshot = (...members: ReturnType<typeof member>[]): TeamSnapshot => ({ at: '2026-12-05T07:00:00.000Z', members });

describe('released by colleagues', () => {
  it('names what a colleague held and nobody holds now', () => {
    const before = snapshot(member('me', ['a']), member('anna', ['b', 'c']), member('ivan', ['d']));
    const after = snapshot(member('me', []), member('anna', ['c']), member('ivan', ['b']));
    // b passed from Anna to Ivan, c is still Anna's, a was mine, d Ivan let go.
    expect([...releasedByColleagues(before, after, 'me')].sort()).toEqual(['d']);
    expect([...releasedByColleagues(before, snapshot(), 'me')].sort()).toEqual(['b', 'c', 'd']);
    expect([...releasedByColleagues(before, before, 'me')]).toEqual([]);
  });
});
