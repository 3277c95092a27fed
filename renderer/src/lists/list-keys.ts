// Binds a decidable list's keys: the shared ones (decidable-list.ts handleListKey) resolved from the shortcut table,
// then the keys only that list has (the inbox's clusters and suggestions, search's box and saved views).
import { useDeskStore } from '../store/desk-store.js';
import type { ShortcutMatch, ShortcutScope } from '../features/shortcuts/shortcut-table.js';
import { useShortcutScope } from '../features/shortcuts/use-shortcut-scope.js';
import { handleListKey, type ListKeyTarget } from './decidable-list.js';

/** Binds a list's keys in its scope while `active`; `own` gets the actions the list adds. */
export function useListKeys(scope: ShortcutScope, active: boolean, list: () => ListKeyTarget,
  own: (match: ShortcutMatch) => void = () => undefined): void {
  useShortcutScope(scope, active, (match) => {
    if (!handleListKey(match, list(), useDeskStore.getState())) own(match);
  });
}
