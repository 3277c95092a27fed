// The results grid's keyboard (scope «search»): moves, the routing keys, undo, and Esc back to the box.
import { useDeskStore } from '../../store/desk-store.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';
import { useSearchStore } from './search-store.js';

export function useSearchKeys(): void {
  const shellFree = useDeskStore((s) => s.dialog === null && s.view === 'search' && s.session?.user != null);
  const inResults = useSearchStore((s) => s.zone === 'results' && s.dialog === null);
  useShortcutScope('search', shellFree && inResults, ({ shortcut, digit }) => {
    const s = useSearchStore.getState();
    const desk = useDeskStore.getState();
    switch (shortcut.action) {
      case 'move-down': s.moveBy(1); break;
      case 'move-up': s.moveBy(-1); break;
      case 'page-down': s.moveBy(s.pageSize); break;
      case 'page-up': s.moveBy(-s.pageSize); break;
      case 'first': s.selectEdge('first'); break;
      case 'last': s.selectEdge('last'); break;
      case 'route-favorite': {
        if (s.selectedId === null || digit === null) break;
        const targetId = desk.favoriteIds[digit - 1];
        if (targetId === undefined) desk.showAlert(`За клавишей ${digit} не закреплён адресат.`);
        else void s.decide({ type: 'route', targetId });
        break;
      }
      case 'open-picker': if (s.selectedId !== null) s.openDialog('picker'); break;
      case 'open-reject': if (s.selectedId !== null) s.openDialog('reject'); break;
      case 'undo': void s.undo(); break;
      case 'to-box': s.focusBox(); break;
      case 'save-view': s.openDialog('save'); break;
      case 'open-views': s.openDialog('views'); break;
      default: break;
    }
  });
}
