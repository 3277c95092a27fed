// The inbox's keyboard: the keys every decidable list shares (lists/list-keys.ts) plus the inbox's own —
// conflicts and alerts, urgency order, clusters and the suggested targets.
import { useDeskStore } from '../../store/desk-store.js';
import { useListKeys } from '../../lists/list-keys.js';
import { suggestedTarget } from '../suggestions/SuggestionsBlock.js';
import { keysFor } from '../shortcuts/shortcut-table.js';

export function useInboxKeys(): void {
  const active = useDeskStore((s) => s.dialog === null && s.view === 'inbox' && s.session?.user != null);
  useListKeys('inbox', active, () => useDeskStore.getState(), ({ shortcut }) => {
    const s = useDeskStore.getState();
    switch (shortcut.action) {
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
        if (targetId === null) s.showAlert(`Для этого обращения пока нет предложения: выберите адресата сами (${keysFor('inbox', 'open-picker')}).`);
        else void s.decide({ type: 'route', targetId });
        break;
      }
      default: break;
    }
  });
}
