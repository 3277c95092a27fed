// The results grid's keyboard (scope «search»): the keys every decidable list shares (lists/list-keys.ts) plus
// Esc back to the box and the saved views.
import { useDeskStore } from '../../store/desk-store.js';
import { useListKeys } from '../../lists/list-keys.js';
import { useSearchStore } from './search-store.js';

export function useSearchKeys(): void {
  const shellFree = useDeskStore((s) => s.dialog === null && s.view === 'search' && s.session?.user != null);
  const inResults = useSearchStore((s) => s.zone === 'results' && s.dialog === null);
  useListKeys('search', shellFree && inResults, () => useSearchStore.getState(), ({ shortcut }) => {
    const s = useSearchStore.getState();
    switch (shortcut.action) {
      case 'to-box': s.focusBox(); break;
      case 'save-view': s.openDialog('save'); break;
      case 'open-views': s.openDialog('views'); break;
      default: break;
    }
  });
}
