// The inbox grid's «Предложение» cell: the top suggested target's short name and a thin bar for how sure the model
// is. Read from the suggestions store, which the grid fills per visible window (no call per key press).
import { useDeskStore } from '../../store/desk-store.js';
import { useSuggestionsStore } from './suggestions-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';

export function TopSuggestionCell({ appealId }: { appealId: string }) {
  const top = useSuggestionsStore((s) => s.byId.get(appealId)?.suggestions[0]);
  const label = useDeskStore((s) => (top ? s.targetsById.get(top.targetId)?.shortName : undefined));
  if (!top) return null;
  const percent = Math.round(top.score * 100);
  return (
    <span className="top-suggestion" title={`${keysFor('inbox', 'route-suggestion-1')} — ${label ?? top.name} (уверенность ${percent}%)`}>
      {/* «НСО» is on every ministry's name: the column shows what tells them apart. */}
      <span className="top-suggestion-name">{(label ?? top.name).replace(/ НСО$/u, '')}</span>
      <span className="score-bar" aria-hidden="true"><span style={{ width: `${Math.max(8, percent)}%` }} /></span>
    </span>
  );
}

const requested = new Set<string>();
/** Fetches suggestions for the ids of a window that the store does not hold yet (one call, not per row). */
export function loadSuggestionsFor(ids: readonly string[]): void {
  const held = useSuggestionsStore.getState().byId;
  const missing = ids.filter((id) => !held.has(id) && !requested.has(id));
  if (missing.length === 0) return;
  missing.forEach((id) => requested.add(id));
  void useSuggestionsStore.getState().load(missing).finally(() => missing.forEach((id) => requested.delete(id)));
}
