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

// The newest request that asked for each id, while it is in flight. An answer is applied only for the ids whose
// newest request it is: a change event that arrives while a first load is on its way re-asks (the id is not held
// yet, but the answer on its way may predate the model's look — the row stayed «Модель ещё не оценила» for good),
// and an older answer that arrives after a newer one does not overwrite it.
let requestSeq = 0;
const newestRequest = new Map<string, number>();
// An answer set aside because a newer request for its id was on its way: used if that one fails (the core briefly
// unreachable), so the row shows the older suggestions rather than none.
const setAside = new Map<string, AppealSuggestions>();

export const useSuggestionsStore = create<SuggestionsState>()((set, get) => ({
  byId: new Map(),
  async load(ids) {
    const wanted = [...new Set(ids)].slice(0, 1000);
    if (wanted.length === 0) return;
    const seq = ++requestSeq;
    for (const id of wanted) newestRequest.set(id, seq);
    const result = await deskCall('suggestions.forIds', { ids: wanted });
    const ours = wanted.filter((id) => newestRequest.get(id) === seq);
    for (const id of ours) newestRequest.delete(id);
    const apply = new Set(ours);
    const items = result.ok ? result.value.items : ours.flatMap((id) => setAside.get(id) ?? []);
    for (const id of ours) setAside.delete(id);
    if (result.ok) for (const item of items) if (!apply.has(item.appealId) && newestRequest.has(item.appealId)) setAside.set(item.appealId, item);
    if (ours.length === 0 || items.length === 0) return;
    const next = new Map(get().byId);
    for (const item of items) if (apply.has(item.appealId)) next.set(item.appealId, item);
    // Keep the newest entries only: the map follows what is on screen, not the whole inbox.
    while (next.size > MAX_KEPT) next.delete(next.keys().next().value as string);
    set({ byId: next });
  },
}));

/** The advice that this appeal is no appeal (a thank-you, spam), once the model has looked; null otherwise. */
export const useRejectAdvice = (appealId: string | null) =>
  useSuggestionsStore((s) => (appealId === null ? null : s.byId.get(appealId)?.reject ?? null));

let subscribed = false;
/** Re-fetch what is held or on its way when the model changed for those ids (all of them for an empty list). */
export function followSuggestionChanges(): void {
  if (subscribed) return;
  subscribed = true;
  onDeskEvent('suggestions.changed', ({ ids }) => {
    const held = useSuggestionsStore.getState().byId;
    const known = (id: string) => held.has(id) || newestRequest.has(id);
    const stale = ids.length === 0 ? [...new Set([...held.keys(), ...newestRequest.keys()])] : ids.filter(known);
    void useSuggestionsStore.getState().load(stale);
  });
}
