// The inbox's keyboard: moves, decisions and dialogs, resolved through the shortcut table by key code.
import { useDeskStore } from '../../store/desk-store.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';
import { suggestedTarget } from '../suggestions/SuggestionsBlock.js';

export function useInboxKeys(): void {
  const active = useDeskStore((s) => s.dialog === null && s.view === 'inbox' && s.session?.user != null);
  useShortcutScope('inbox', active, ({ shortcut, digit }) => {
    const s = useDeskStore.getState();
    switch (shortcut.action) {
      case 'move-down': s.moveBy(1); break;
      case 'move-up': s.moveBy(-1); break;
      case 'page-down': s.moveBy(s.pageSize); break;
      case 'page-up': s.moveBy(-s.pageSize); break;
      case 'first': s.selectEdge('first'); break;
      case 'last': s.selectEdge('last'); break;
      case 'route-favorite': {
        if (s.selectedId === null || digit === null) break;
        const targetId = s.favoriteIds[digit - 1];
        if (targetId === undefined) s.showAlert(`За клавишей ${digit} не закреплён адресат.`);
        else void s.decide({ type: 'route', targetId });
        break;
      }
      case 'open-picker': if (s.selectedId !== null) s.openDialog('picker'); break;
      case 'open-reject': if (s.selectedId !== null) s.openDialog('reject'); break;
      case 'undo': void s.undo(); break;
      case 'dismiss-conflict': {
        const first = s.conflicts[0];
        if (first) void s.dismissConflict(first.id);
        break;
      }
      case 'dismiss-alert': s.clearAlert(); break;
      case 'toggle-urgency': s.toggleInboxOrder(); break;
      case 'toggle-cluster': s.toggleCluster(); break;
      case 'route-suggestion-1':
      case 'route-suggestion-2':
      case 'route-suggestion-3': {
        if (s.selectedId === null) break;
        const index = Number(shortcut.action.slice(-1)) - 1;
        const targetId = suggestedTarget(s.selectedId, index);
        if (targetId === null) s.showAlert('Для этого обращения пока нет предложения: выберите адресата сами (/).');
        else void s.decide({ type: 'route', targetId });
        break;
      }
      default: break;
    }
  });
}
