// The suggested targets (up to three, none under the floor) for the selected appeal with their reasons and keys,
// and the place found in the text — or, for a thank-you or spam, the advice to reject it (X starts on its reason). Enter's keycap stands on the first only when it is confident (#13 item 7);
// otherwise Enter opens the picker, and the block says so. The block is pinned at the detail pane's foot, over the
// route panel (DetailPane.tsx), and has one height whatever it holds, so neither it nor the appeal text above it
// moves when the selection changes (#13 item 9). Reasons quote citizen words: rendered
// as text nodes through inertText(), never as HTML.
import { useEffect } from 'react';
import { inertText } from '../../../../shared/text/inert-text.js';
import { isConfident } from '../../../../shared/routing/suggestion-confidence.js';
import { afterPaint } from '../../app/after-paint.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { adviceText, offeredFor } from './enter-choice.js';
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
  const advice = entry?.ready ? entry.reject : null;
  const placeTarget = place ? targetsById.get(place.targetId) : undefined;
  const offered = offeredFor(entry);
  return (
    <section className="suggestions" aria-label="Предложения" data-testid="suggestions">
      {/* The title and the place found share one line (the place is cut with «…» on a narrow pane): the block is
          pinned over the route panel, and each line it takes is a line less of the appeal's text at 150 %. */}
      <div className="suggestions-head">
        <h3 className="panel-title">Предложение</h3>
        {/* A thank-you or spam: the advice to reject takes the place's slot (a place matters for a route, not here). */}
        {advice ? (
          <p className="suggestion-place suggestion-advice" data-testid="reject-advice" data-reason={advice.reason}
            title={`${adviceText(advice, { whole: true })}: ${keysFor('inbox', 'open-reject')} — отклонить по этой причине`}>
            <Keycap keys={keysFor('inbox', 'open-reject')} /> {adviceText(advice)}
          </p>
        ) : (
          <p className="suggestion-place" data-testid={place ? 'detected-place' : undefined}
            title={place ? `Место: ${inertText(place.name)} → ${placeTarget?.shortName ?? place.targetId}` : undefined}>
            {place ? <>Место: {inertText(place.name)} → {placeTarget?.shortName ?? place.targetId}</> : null}
          </p>
        )}
      </div>
      <div className="suggestion-rows">
        {!entry || !entry.ready ? <p className="suggestion-wait">Модель ещё не оценила это обращение</p>
          : offered.length === 0 ? <p className="suggestion-wait">Предложений нет: выберите адресата ({keysFor('inbox', 'open-picker')})</p> : (
            <ol className="suggestion-list">
              {offered.map((s, i) => {
                const sure = i > 0 || isConfident(s.score);
                return (
                  <li key={s.targetId}>
                    <button type="button" className={sure ? 'suggestion' : 'suggestion suggestion-unsure'} data-target-id={s.targetId}
                      onClick={() => void decide({ type: 'route', targetId: s.targetId })}
                      title={sure ? undefined : `Не уверенно: ${keysFor('inbox', 'route-suggestion-1')} откроет выбор адресата`}>
                      {sure ? <Keycap keys={keysFor('inbox', ACTIONS[i] ?? 'route-suggestion-3')} /> : <span className="suggestion-keygap" aria-hidden="true" />}
                      <span className="suggestion-name">{s.name}</span>
                      <span className="suggestion-score">{Math.round(s.score * 100)}%</span>
                      {/* A narrow pane (150 %) cuts the reason with «…»: the whole of it on hover. */}
                      <span className="suggestion-reason" title={inertText(s.reason)}>{inertText(s.reason)}</span>
                    </button>
                  </li>
                );
              })}
            </ol>
          )}
      </div>
    </section>
  );
}
