// Decisions the server refused because someone else decided first: in the inbox one role="alert" notice per
// conflict, dismissed with a key (the oldest first) or the button. Other sections show none: over the sync log and the
// lead's tables they covered rows (trial), and their dismiss key is the inbox's, so their hint was false there; the
// «Конфликты» tab counts them instead (TopBar.tsx).
import { InertLine } from '../../components/InertLine.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { describeConflict, targetNameLookup } from './describe-conflict.js';

const MAX_BANNERS = 3;

export function ConflictNotices() {
  const conflicts = useDeskStore((s) => s.conflicts);
  const targetsById = useDeskStore((s) => s.targetsById);
  const dismiss = useDeskStore((s) => s.dismissConflict);
  const view = useDeskStore((s) => s.view);
  // The inbox: a few banners, then a pointer to the section, which lists them all.
  if (conflicts.length === 0 || view !== 'inbox') return null;
  const name = targetNameLookup(targetsById);
  const shown = conflicts.slice(0, MAX_BANNERS);
  return (
    <div className="banners" role="group" aria-label="Конфликты">
      {conflicts.length > shown.length ? (
        <div className="banner banner-conflict" data-testid="more-conflicts">
          <span className="banner-text">
            Ещё конфликтов: {conflicts.length - shown.length} — все они в разделе «Конфликты».
          </span>
        </div>
      ) : null}
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
    </div>
  );
}
