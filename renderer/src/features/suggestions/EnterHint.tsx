// What Enter will do with the selected appeal, in the route panel's title row (#13 item 7): «Enter — Минздрав НСО
// (уверенно)» when the first suggestion is confident, «Enter — выбрать…» when it opens the picker. One line that is
// always there, so the panel never changes height with the selection.
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { enterChoice, enterRejectText } from './enter-choice.js';
import { useSuggestionsStore } from './suggestions-store.js';

export function EnterHint() {
  const selectedId = useDeskStore((s) => s.selectedId);
  const entry = useSuggestionsStore((s) => (selectedId === null ? undefined : s.byId.get(selectedId)));
  const targetsById = useDeskStore((s) => s.targetsById);
  if (selectedId === null) return <span className="enter-hint" />;
  const choice = enterChoice(entry);
  const keys = keysFor('inbox', 'route-suggestion-1');
  const text = choice.kind === 'route'
    ? `${targetsById.get(choice.suggestion.targetId)?.shortName ?? choice.suggestion.name} (уверенно)`
    : choice.kind === 'reject' ? enterRejectText(choice.advice)
      : choice.suggestions.length > 0 ? 'выбрать… (предложения сверху)' : 'выбрать…';
  return (
    <span className="enter-hint" data-testid="enter-hint" data-enter={choice.kind} title={`${keys} — ${text}`}>
      <Keycap keys={keysFor('inbox', 'route-suggestion-1')} /> — <span className="enter-hint-text">{text}</span>
    </span>
  );
}
