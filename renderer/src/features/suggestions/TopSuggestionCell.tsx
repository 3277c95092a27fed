// The inbox grid's «Предложение» cell: the top suggested target's short name and a thin bar for how sure the model
// is (none under the floor); for a thank-you or spam, «Спасибо?» or «Спам?» instead. Read from the suggestions
// store, which the grid fills per visible window (no call per key press). The tooltip says what Enter does with it:
// route when confident, otherwise open the picker.
import { targetColumnLabel } from '../../../../shared/domain/target.js';
import { isConfident, SUGGESTION_FLOOR } from '../../../../shared/routing/suggestion-confidence.js';
import { useDeskStore } from '../../store/desk-store.js';
import { ADVICE_COLUMN_LABELS, adviceText } from './enter-choice.js';
import { useSuggestionsStore } from './suggestions-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { useKeymapVersion } from '../shortcuts/use-keymap.js';

export function TopSuggestionCell({ appealId }: { appealId: string }) {
  const first = useSuggestionsStore((s) => s.byId.get(appealId)?.suggestions[0]);
  const advice = useSuggestionsStore((s) => s.byId.get(appealId)?.reject ?? null);
  const top = first && first.score >= SUGGESTION_FLOOR ? first : undefined;
  const target = useDeskStore((s) => (top ? s.targetsById.get(top.targetId) : undefined));
  // Memoised grid rows do not re-render with the shell: the tooltip's key follows a remap through this.
  useKeymapVersion();
  // A thank-you or spam: the column says so instead of a target (X starts on that reason; the targets stay in the pane).
  if (advice) {
    return (
      <span className="top-suggestion top-suggestion-reject" data-kind="reject" data-reason={advice.reason}
        title={`${adviceText(advice, { whole: true })} — ${keysFor('inbox', 'open-reject')}`}>
        <span className="top-suggestion-name">{ADVICE_COLUMN_LABELS[advice.reason]}</span>
      </span>
    );
  }
  if (!top) return null;
  const percent = Math.round(top.score * 100);
  const enter = keysFor('inbox', 'route-suggestion-1');
  const name = target?.shortName ?? top.name;
  return (
    <span className="top-suggestion" data-confident={isConfident(top.score) ? 'true' : 'false'} data-kind={target?.kind}
      title={isConfident(top.score) ? `${enter} — ${name} (уверенность ${percent}%)` : `${name} (уверенность ${percent}%): ${enter} — выбрать…`}>
      <span className="top-suggestion-name">{target ? targetColumnLabel(target) : top.name}</span>
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
