// «↑ 3 новых обращения выше · Home»: appeals that arrived above the selection and have not been on screen since. The
// selection never follows the newest by itself (store/inbox-slice.ts) and the grid keeps the row being read still
// while they arrive, so without this cue an operator working down the list would not know the queue grew above.
import { countRu, NEW_APPEAL_FORMS } from '../../../../shared/text/plural-ru.js';
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
  // The slot is always there, so a screen reader hears the count as it changes; it overlays the grid, so rows never move.
  return (
    <div className="new-above-slot" role="status" aria-live="polite">
      {count > 0 ? (
        <button type="button" className="new-above" data-testid="new-above" tabIndex={-1}
          // The keys stay with the grid: a click must not take the focus from it.
          onMouseDown={(event) => event.preventDefault()} onClick={() => selectEdge('first')}
          title={`К самым новым${keys ? ` (${keys})` : ''}`}>
          <span aria-hidden="true">↑</span> {countRu(count, NEW_APPEAL_FORMS)} выше
          {keys ? <Keycap keys={keysFor('inbox', 'first')} /> : null}
        </button>
      ) : null}
    </div>
  );
}
