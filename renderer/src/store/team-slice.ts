// Team mode in the renderer (#9): the shift as the core reports it (who is online, what colleagues hold) and this
// desk's hold of its own selection. The inbox slice orders its rows by `heldByOthers`; nothing here blocks anything.
import type { HeldBy, TeamView } from '../../../shared/desk-api/team-contract.js';
import { deskCall } from '../desk-client.js';
import { offlineShareNotice } from '../../../shared/team/held-words.js';
import type { SliceCreator, TeamSlice } from './state-types.js';

const EMPTY: ReadonlyMap<string, HeldBy> = new Map();

/** Same holds, same Map: the inbox re-arranges only when the held set really changed. */
function sameHolds(a: ReadonlyMap<string, HeldBy>, b: Record<string, HeldBy>): boolean {
  const keys = Object.keys(b);
  if (keys.length !== a.size) return false;
  for (const key of keys) {
    const x = a.get(key);
    const y = b[key];
    if (!x || !y || x.id !== y.id || x.since !== y.since) return false;
  }
  return true;
}

export const createTeamSlice: SliceCreator<TeamSlice> = (set, get) => ({
  team: null,
  heldByOthers: EMPTY,
  selectionHold: null,
  applyTeam: (view: TeamView) => {
    const before = get().heldByOthers;
    const heldByOthers = sameHolds(before, view.heldByOthers) ? before : new Map(Object.entries(view.heldByOthers));
    // Our own hold lapsed (the desk lost the channel a while) or a colleague's decision took it over: say so, and the
    // next decision on it takes the key twice like any colleague's appeal.
    const own = get().selectionHold;
    const taker = own?.state === 'mine' ? heldByOthers.get(own.id) : undefined;
    // And back: the colleague let go (they undid a decision that had taken this reader's hold over) and the core
    // held it for us again — the row and the detail say «mine» again, and one key decides it.
    const mineAgain = own?.state === 'taken' && !heldByOthers.has(own.id)
      && view.members.some((m) => m.id === view.me && m.holds.some((h) => h.appealId === own.id));
    const selectionHold = own && taker ? { id: own.id, state: 'taken' as const, holder: taker }
      : own && mineAgain ? { id: own.id, state: 'mine' as const } : undefined;
    const shareBefore = get().team?.offlineShare;
    const shareChanged = JSON.stringify(shareBefore ?? null) !== JSON.stringify(view.offlineShare ?? null);
    set({ team: view, heldByOthers, ...(selectionHold ? { selectionHold } : {}) });
    if (heldByOthers !== before || shareChanged) get().arrangeByHolds();
    // Said once as the sharing starts: the list's order changed under the operator, and why.
    if (shareChanged && view.offlineShare && !shareBefore) {
      get().showNotice(offlineShareNotice(view.offlineShare.length), { tone: 'info' });
    }
  },
  loadTeam: async () => {
    const result = await deskCall('team.get', {});
    if (result.ok) get().applyTeam(result.value);
  },
  clearTeam: () => set({ team: null, heldByOthers: EMPTY, selectionHold: null }),
});
