// Decisions the server refused because someone else decided first: at the foot of the inbox's list, under the grid
// (in its flow: it covers no appeal), the oldest conflict's role="alert" notice, dismissed with a key or the button, and a line
// counting the rest. Other sections show none: over the sync log and the lead's tables they covered rows (trial), and
// their dismiss key is the inbox's, so their hint was false there; the «Конфликты» tab counts them instead (TopBar.tsx).
import { InertLine } from '../../components/InertLine.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { describeConflict, targetNameLookup } from './describe-conflict.js';

/** One: the notice takes its room from the grid's rows (three took a third of them at 911×512); D dismisses it. */
const MAX_BANNERS = 1;

export function ConflictNotices() {
  const conflicts = useDeskStore((s) => s.conflicts);
  const targetsById = useDeskStore((s) => s.targetsById);
  const dismiss = useDeskStore((s) => s.dismissConflict);
  const view = useDeskStore((s) => s.view);
  // The inbox: the oldest, then a pointer to the section, which lists them all.
  if (conflicts.length === 0 || view !== 'inbox') return null;
  const name = targetNameLookup(targetsById);
  const shown = conflicts.slice(0, MAX_BANNERS);
  return (
    <div className="banners" role="group" aria-label="Конфликты">
      {shown.map((c, i) => (
        <div key={c.id} role="alert" className="banner banner-conflict" data-conflict-id={c.id}>
          <div className="banner-text">
            <strong>{describeConflict(c, name)}</strong>
            {/* Citizen text: without direction overrides, isolated from the names above. */}
            <span className="banner-excerpt">«<InertLine text={c.excerpt} maxLength={200} />»</span>
          </div>
          <button type="button" className="btn btn-quiet" onClick={() => void dismiss(c.id)}>
            {i === 0 ? <Keycap keys={keysFor('inbox', 'dismiss-conflict')} /> : null} Понятно
          </button>
        </div>
      ))}
      {conflicts.length > shown.length ? (
        <div className="banner banner-conflict" data-testid="more-conflicts">
          <span className="banner-text">
            Ещё конфликтов: {conflicts.length - shown.length} — все они в разделе «Конфликты».
          </span>
        </div>
      ) : null}
    </div>
  );
}
