// Binds a decidable list's keys: the shared ones (decidable-list.ts handleListKey) resolved from the shortcut table,
// the detail pane's (features/detail/detail-keys.ts: paging the text, the photos), then the keys only that list has
// (the inbox's clusters and suggestions, search's box and saved views).
import { useDeskStore } from '../store/desk-store.js';
import { DECIDING_ACTIONS, type ShortcutMatch, type ShortcutScope } from '../features/shortcuts/shortcut-table.js';
import { useShortcutScope } from '../features/shortcuts/use-shortcut-scope.js';
import { handleDetailKey } from '../features/detail/detail-keys.js';
import { handleListKey, type ListKeyTarget } from './decidable-list.js';
import type { DecidableList } from './decidable-list-types.js';

/** Binds a list's keys in its scope while `active`; `own` gets the actions the list adds. */
export function useListKeys(scope: ShortcutScope, active: boolean, list: () => ListKeyTarget & Pick<DecidableList, 'detail'>,
  own: (match: ShortcutMatch) => void = () => undefined): void {
  useShortcutScope(scope, active, (match) => {
    const desk = useDeskStore.getState();
    // Only a key on the inbox itself, where the new appeal is on screen: a section's key, search's list or the palette's
    // opening show nothing of it (a second read of 5 December: Ctrl+1 back to an inbox whose selection had moved while
    // away, then a digit, routed an appeal never seen).
    if (scope === 'inbox' && !DECIDING_ACTIONS.has(match.shortcut.action)) desk.operatorActed();
    if (!handleListKey(match, list(), desk) && !handleDetailKey(match, list(), desk)) own(match);
  });
}
