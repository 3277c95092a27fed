// Sync state for the status bar and the conflicts the operator still has to acknowledge.
import { deskCall } from '../desk-client.js';
import type { SliceCreator, SyncSlice } from './state-types.js';

export const createSyncSlice: SliceCreator<SyncSlice> = (set, get) => {
  // Statuses applied so far: an answer to sync.status is older than any status event that arrived while it was on
  // its way (they travel on different connections), and must not overwrite it — an «online» event followed by the
  // late answer «syncing» left the status bar saying «синхронизация» until the next change, a minute later.
  let applied = 0;
  return {
    syncStatus: null,
    deskLink: 'up',
    applyDeskLink: (link) => {
      const was = get().deskLink;
      const next = link.connected ? 'up' : link.restarting ? 'restarting' : 'lost';
      set({ deskLink: next });
      if (next === 'up' && was !== 'up') void get().reloadFromNewCore();
    },
    conflicts: [],
    arrivedConflict: null,
    loadSync: async () => {
      const before = applied;
      const [status, conflicts] = await Promise.all([deskCall('sync.status', {}), deskCall('conflicts.list', {})]);
      if (status.ok && applied === before) set({ syncStatus: status.value });
      if (conflicts.ok) {
        // Events may have arrived while we asked: merge, keeping one entry per conflict id.
        const known = new Set(conflicts.value.conflicts.map((c) => c.id));
        set({ conflicts: [...conflicts.value.conflicts, ...get().conflicts.filter((c) => !known.has(c.id))] });
      }
    },
    applySyncStatus: (status) => {
      applied += 1;
      set({ syncStatus: status });
    },
    addConflict: (conflict) => {
      if (get().conflicts.some((c) => c.id === conflict.id)) return;
      // The quiet «Направлено: …» of the refused decision would now contradict the conflict notice.
      set({ conflicts: [...get().conflicts, conflict], arrivedConflict: conflict, notice: null });
    },
    dismissConflict: async (id) => {
      const before = get().conflicts;
      set({ conflicts: before.filter((c) => c.id !== id) });
      const result = await deskCall('conflicts.dismiss', { id });
      if (!result.ok && result.error.code !== 'not_found') {
        set({ conflicts: before });
        get().showAlert(`Не удалось скрыть уведомление: ${result.error.message}`);
      }
    },
    rerouteConflict: async (id, targetId) => {
      const before = get().conflicts;
      set({ conflicts: before.filter((c) => c.id !== id) });
      const result = await deskCall('conflicts.reroute', { id, targetId });
      if (!result.ok) {
        if (result.error.code !== 'not_found') set({ conflicts: before });
        get().showAlert(`Не удалось перенаправить: ${result.error.message}`);
        return;
      }
      const name = get().targetsById.get(targetId)?.shortName ?? targetId;
      get().showNotice(`Перенаправлено: ${name}`);
    },
  };
};
