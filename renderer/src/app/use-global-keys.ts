// Keys that work in every section: switching sections, syncing now, the help, signing out, undoing the last decision.
import { useDeskStore } from '../store/desk-store.js';
import { useShortcutScope } from '../features/shortcuts/use-shortcut-scope.js';
import { deskCall } from '../desk-client.js';
import { viewsFor } from './view-registry.js';
import { useSearchStore } from '../features/search/search-store.js';
import { openPalette } from '../features/palette/CommandPalette.js';

export function useGlobalKeys(): void {
  const active = useDeskStore((s) => s.dialog === null && s.session?.user != null);
  useShortcutScope('global', active, ({ shortcut, digit }) => {
    const s = useDeskStore.getState();
    switch (shortcut.action) {
      case 'switch-view': {
        const view = digit === null ? undefined : viewsFor(s.session?.user?.role)[digit - 1];
        if (view) s.setView(view.id);
        break;
      }
      case 'sync-now':
        void deskCall('sync.now', {}).then((result) => {
          if (result.ok) s.applySyncStatus(result.value);
          else s.showAlert(result.error.message);
        });
        break;
      case 'open-help': s.openDialog('help'); break;
      case 'open-search':
        s.setView('search');
        useSearchStore.getState().focusBox();
        break;
      case 'logout': void s.logout(); break;
      case 'open-palette': openPalette(); break;
      case 'open-favorites': s.openDialog('favorites'); break;
      // The list on screen takes it back (it lists the appeal again and selects it); from any other section the
      // inbox does, and the section on screen hears of it through `appeals.changed` (the lead's queues reload).
      case 'undo':
        if (s.view === 'search') void useSearchStore.getState().undo();
        else void s.undo();
        break;
      default: break;
    }
  });
}
