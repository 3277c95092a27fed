// The three suggested targets for the selected appeal with their reasons and keys, and the place found in
// the text. Reasons quote citizen words: rendered as text nodes through inertText(), never as HTML.
import { useEffect } from 'react';
import { inertText } from '../../../../shared/text/inert-text.js';
import { afterPaint } from '../../app/after-paint.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { followSuggestionChanges, useSuggestionsStore } from './suggestions-store.js';

const ACTIONS = ['route-suggestion-1', 'route-suggestion-2', 'route-suggestion-3'] as const;

export function SuggestionsBlock({ appealId }: { appealId: string }) {
  const entry = useSuggestionsStore((s) => s.byId.get(appealId));
  const load = useSuggestionsStore((s) => s.load);
  const decide = useDeskStore((s) => s.decide);
  const targetsById = useDeskStore((s) => s.targetsById);
  useEffect(() => {
    followSuggestionChanges();
    // After the frame that shows the new selection; skipped when the selection has moved on by then.
    let live = true;
    void afterPaint().then(() => { if (live) void load([appealId]); });
    return () => { live = false; };
  }, [appealId, load]);

  const place = entry?.place;
  const placeTarget = place ? targetsById.get(place.targetId) : undefined;
  return (
    <section className="suggestions" aria-label="Предложения" data-testid="suggestions">
      <h3 className="panel-title">Предложение</h3>
      {place ? (
        <p className="suggestion-place" data-testid="detected-place">
          Место: {inertText(place.text)} → {placeTarget?.shortName ?? place.targetId}
        </p>
      ) : null}
      {!entry || !entry.ready ? <p className="suggestion-wait">Модель ещё не оценила это обращение</p> : (
        <ol className="suggestion-list">
          {entry.suggestions.map((s, i) => (
            <li key={s.targetId}>
              <button type="button" className="suggestion" data-target-id={s.targetId}
                onClick={() => void decide({ type: 'route', targetId: s.targetId })}>
                <Keycap keys={keysFor('inbox', ACTIONS[i] ?? 'route-suggestion-3')} />
                <span className="suggestion-name">{s.name}</span>
                <span className="suggestion-score">{Math.round(s.score * 100)}%</span>
                <span className="suggestion-reason">{inertText(s.reason)}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The target of suggestion `index` (0-based) for the selected appeal, if the model has one. */
export function suggestedTarget(appealId: string, index: number): string | null {
  return useSuggestionsStore.getState().byId.get(appealId)?.suggestions[index]?.targetId ?? null;
}
