// «↑ 3 новых · Home»: appeals that arrived above the selection, unseen and still above the view. The selection never
// follows the newest by itself (store/inbox-slice.ts) and the grid keeps the row being read still while they arrive,
// so without this cue an operator working down the list would not know the queue grew above. It sits in the «Текст»
// column's header, after its label: over no row (the row being read may be the first on screen) and over no other
// header (laid over the header line it hid «Предложение» for as long as appeals kept coming, trial of 4 December).
import { formatNumberRu } from '../../../../shared/text/number-ru.js';
import { countRu, NEW_APPEAL_FORMS, NEW_FORMS, pluralRu } from '../../../../shared/text/plural-ru.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import './new-above.css';

export function NewAboveCue() {
  // One a colleague has taken meanwhile is at the end of the list now (holds), not above: not counted.
  const count = useDeskStore((s) => (s.inboxOrder === 'newest'
    ? [...s.arrivedAbove].filter((id) => !s.heldByOthers.has(id)).length : 0));
  const selectEdge = useDeskStore((s) => s.selectEdge);
  const keys = keysFor('inbox', 'first');
  const whole = `${countRu(count, NEW_APPEAL_FORMS)} выше`;
  // The slot is always there, so a screen reader hears the count as it changes; the short form shown says the rest in
  // hidden text and the tooltip.
  return (
    <span className="new-above-slot" role="status" aria-live="polite">
      {count > 0 ? (
        <button type="button" className="new-above" data-testid="new-above" tabIndex={-1}
          // The keys stay with the grid: a click must not take the focus from it.
          onMouseDown={(event) => event.preventDefault()} onClick={() => selectEdge('first')}
          title={`${whole}: к самым новым${keys ? ` (${keys})` : ''}`}>
          <span aria-hidden="true">↑ {formatNumberRu(count)}<span className="new-above-word"> {pluralRu(count, NEW_FORMS)}</span></span>
          {/* Text, not a label: a live region announces a change of its text, seldom one of an attribute. */}
          <span className="visually-hidden">{whole}</span>
          {keys ? <Keycap keys={keysFor('inbox', 'first')} /> : null}
        </button>
      ) : null}
    </span>
  );
}

/** The «Текст» column's header: its label, and the cue of unseen arrivals when there are any. */
export function TextHeader() {
  return <span className="text-header"><span className="header-label">Текст</span><NewAboveCue /></span>;
}
