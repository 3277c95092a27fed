// The colleague reading each row, for a grid of appeals (AppealGrid's `heldBy`: the row's data-held-by and hatching):
// the inbox and the search results mark the same rows the same way.
import { useCallback } from 'react';
import { useDeskStore } from '../../store/desk-store.js';
import { shortPersonName } from '../../../../shared/team/person-name.js';
import { colleagueShareOf } from '../../store/offline-share-lookup.js';

export function useHeldByName(): (id: string) => string | undefined {
  const heldByOthers = useDeskStore((s) => s.heldByOthers);
  const team = useDeskStore((s) => s.team);
  const clusterOf = useDeskStore((s) => s.clusterOf);
  return useCallback((id: string) => {
    // A colleague's share while the queue is shared out (offline-share.ts) is marked as theirs, as a hold is.
    const holder = heldByOthers.get(id) ?? colleagueShareOf(team, clusterOf, id) ?? undefined;
    return holder ? shortPersonName(holder.name) : undefined;
  }, [heldByOthers, team, clusterOf]);
}
