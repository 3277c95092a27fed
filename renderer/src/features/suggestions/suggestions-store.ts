// Routing suggestions the renderer has asked for: per appeal id, refreshed when the core says the model looked
// again. A small store of its own, so the inbox keys and the detail pane read the same three targets.
import { create } from 'zustand';
import type { AppealSuggestions } from '../../../../shared/desk-api/routing-contract.js';
import { deskCall, onDeskEvent } from '../../desk-client.js';

interface SuggestionsState {
  byId: ReadonlyMap<string, AppealSuggestions>;
  /** Fetches suggestions for these ids (the selected appeal, the rows on screen). */
  load(ids: readonly string[]): Promise<void>;
}

const MAX_KEPT = 2_000;

export const useSuggestionsStore = create<SuggestionsState>()((set, get) => ({
  byId: new Map(),
  async load(ids) {
    const wanted = [...new Set(ids)].slice(0, 1000);
    if (wanted.length === 0) return;
    const result = await deskCall('suggestions.forIds', { ids: wanted });
    if (!result.ok) return;
    const next = new Map(get().byId);
    for (const item of result.value.items) next.set(item.appealId, item);
    // Keep the newest entries only: the map follows what is on screen, not the whole inbox.
    while (next.size > MAX_KEPT) next.delete(next.keys().next().value as string);
    set({ byId: next });
  },
}));

let subscribed = false;
/** Re-fetch what is held when the model changed for those ids (all held ids for an empty list). */
export function followSuggestionChanges(): void {
  if (subscribed) return;
  subscribed = true;
  onDeskEvent('suggestions.changed', ({ ids }) => {
    const held = useSuggestionsStore.getState().byId;
    const stale = ids.length === 0 ? [...held.keys()] : ids.filter((id) => held.has(id));
    void useSuggestionsStore.getState().load(stale);
  });
}
