// The renderer's side of the favourites (#13 item 5): saving a changed list through the core and following the core's
// `favorites.changed` (a sign-in pulled another list from the server), so the route buttons, the legend and the
// picker's slot marks change at once. The list itself lives in the desk store (targets-slice favoriteIds).
import { useEffect } from 'react';
import { FAVORITE_SLOTS } from '../../../../shared/desk-api/contract.js';
import { deskCall, onDeskEvent } from '../../desk-client.js';
import { useDeskStore } from '../../store/desk-store.js';

/** The list with `slot` (1-based) set to `targetId` ('' clears it); other slots keep their numbers. */
export function withSlot(ids: readonly string[], slot: number, targetId: string): string[] {
  const next = Array.from({ length: FAVORITE_SLOTS }, (_, i) => ids[i] ?? '');
  // The same target in two slots would make one of them dead: it moves to the slot chosen now.
  for (let i = 0; i < next.length; i++) if (targetId !== '' && next[i] === targetId) next[i] = '';
  next[slot - 1] = targetId;
  while (next.length > 0 && next[next.length - 1] === '') next.pop();
  return next;
}

/** Saves the list (the core keeps it per operator and sends it to the server); the store follows the core's answer. */
export async function saveFavorites(targetIds: readonly string[]): Promise<boolean> {
  const result = await deskCall('favorites.set', { targetIds: [...targetIds] });
  const s = useDeskStore.getState();
  if (!result.ok) {
    s.showAlert(`Избранные адресаты не сохранены: ${result.error.message}`);
    return false;
  }
  useDeskStore.setState({ favoriteIds: result.value.targetIds });
  return true;
}

/** Mounted once in the shell: the core's own changes of the list (pulled at sign-in) reach the screen. */
export function useFavoritesEvents(): void {
  useEffect(() => onDeskEvent('favorites.changed', ({ targetIds }) => {
    useDeskStore.setState({ favoriteIds: targetIds });
  }), []);
}
