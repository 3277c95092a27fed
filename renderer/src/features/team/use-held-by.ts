// The colleague reading each row, for a grid of appeals (AppealGrid's `heldBy`: the row's data-held-by and hatching):
// the inbox and the search results mark the same rows the same way.
import { useCallback } from 'react';
import { useDeskStore } from '../../store/desk-store.js';
import { shortPersonName } from '../../../../shared/team/person-name.js';

export function useHeldByName(): (id: string) => string | undefined {
  const heldByOthers = useDeskStore((s) => s.heldByOthers);
  return useCallback((id: string) => {
    const holder = heldByOthers.get(id);
    return holder ? shortPersonName(holder.name) : undefined;
  }, [heldByOthers]);
}
