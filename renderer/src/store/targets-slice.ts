// Routing targets and the operator's nine favourites (the digit keys).
import { deskCall } from '../desk-client.js';
import type { SliceCreator, TargetsSlice } from './state-types.js';

let loading = false;

export const createTargetsSlice: SliceCreator<TargetsSlice> = (set, get) => ({
  targets: [],
  targetsById: new Map(),
  favoriteIds: [],
  loadTargets: async () => {
    loading = true;
    const [targets, favorites] = await Promise.all([deskCall('targets.list', {}), deskCall('favorites.get', {})]);
    if (targets.ok) {
      set({ targets: targets.value.targets, targetsById: new Map(targets.value.targets.map((t) => [t.id, t])) });
    } else {
      get().showAlert(`Не удалось загрузить список адресатов: ${targets.error.message}`);
    }
    if (favorites.ok) set({ favoriteIds: favorites.value.targetIds });
    else get().showAlert(`Не удалось загрузить избранных адресатов: ${favorites.error.message}`);
    loading = false;
  },
  refreshTargetsIfMissing: () => {
    // Right after the first sign-in on a machine the core has not fetched the targets yet; they arrive with
    // the first sync, which announces itself through sync.status.
    if (loading || get().targets.length > 0 || get().session?.user == null) return;
    void get().loadTargets();
  },
});
