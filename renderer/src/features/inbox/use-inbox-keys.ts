// The inbox's keyboard: the keys every decidable list shares (lists/list-keys.ts) plus the inbox's own —
// conflicts and alerts, urgency order, clusters, the suggested targets and the withdrawn appeal's one key.
import { useDeskStore } from '../../store/desk-store.js';
import { useListKeys } from '../../lists/list-keys.js';
import { enterChoice, runnerUp } from '../suggestions/enter-choice.js';
import { useSuggestionsStore } from '../suggestions/suggestions-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { foldedClusterNotice, notWithdrawnNotice } from '../withdrawn/withdrawn-text.js';

const suggestionsFor = (appealId: string) => useSuggestionsStore.getState().byId.get(appealId);

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
      // Enter is safe (#13 item 7): it routes only to a confident first suggestion, otherwise it opens the picker
      // with the suggestions on top, or the reject dialog on an advice to reject (enter-choice.ts) — a dialog either
      // way, never a decision on one key; Q/W route to a runner-up only when there is one above the floor.
      case 'route-suggestion-1': {
        if (s.selectedId === null) break;
        const choice = enterChoice(suggestionsFor(s.selectedId));
        if (choice.kind === 'route') void s.decide({ type: 'route', targetId: choice.suggestion.targetId });
        else s.openDialog(choice.kind === 'reject' ? 'reject' : 'picker');
        break;
      }
      case 'route-suggestion-2':
      case 'route-suggestion-3': {
        if (s.selectedId === null) break;
        const index = shortcut.action === 'route-suggestion-2' ? 1 : 2;
        const target = runnerUp(suggestionsFor(s.selectedId), index);
        if (target === null) s.showNotice(`${index === 1 ? 'Второго' : 'Третьего'} предложения нет — выбрать адресата: ${keysFor('inbox', 'open-picker')}`,
          { tone: 'info' });
        else void s.decide({ type: 'route', targetId: target.targetId });
        break;
      }
      // Issue 14 item 6: one key rejects an appeal its author withdrew; on any other it does nothing but say so, and on
      // a folded surge cluster (decided whole) it asks for the cluster to be unfolded first.
      case 'reject-withdrawn': {
        const id = s.selectedId;
        if (id === null) break;
        const detail = s.detail?.id === id && s.detail.phase === 'ready' ? s.detail.local.appeal : undefined;
        const withdrawnAt = detail ? detail.withdrawnAt : s.rowsById.get(id)?.withdrawnAt;
        if (withdrawnAt === null || withdrawnAt === undefined) {
          s.showNotice(notWithdrawnNotice(keysFor('inbox', 'open-reject')), { tone: 'info' });
          break;
        }
        const cluster = s.clusterOf.get(id);
        if (cluster && !s.expandedClusters.has(cluster.clusterId)) {
          s.showNotice(foldedClusterNotice(keysFor('inbox', 'toggle-cluster')), { tone: 'info' });
          break;
        }
        void s.decide({ type: 'reject', reason: 'withdrawn' });
        break;
      }
      default: break;
    }
  });
}
