// Decisions the server refused because someone else decided first: one role="alert" notice per conflict,
// dismissed with a key (the oldest first) or the button.
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { describeConflict, targetNameLookup } from './describe-conflict.js';

export function ConflictNotices() {
  const conflicts = useDeskStore((s) => s.conflicts);
  const targetsById = useDeskStore((s) => s.targetsById);
  const dismiss = useDeskStore((s) => s.dismissConflict);
  if (conflicts.length === 0) return null;
  const name = targetNameLookup(targetsById);
  return (
    <div className="banners" aria-label="Конфликты">
      {conflicts.map((c, i) => (
        <div key={c.id} role="alert" className="banner banner-conflict" data-conflict-id={c.id}>
          <div className="banner-text">
            <strong>{describeConflict(c, name)}</strong>
            <span className="banner-excerpt">«{c.excerpt}»</span>
          </div>
          <button type="button" className="btn btn-quiet" onClick={() => void dismiss(c.id)}>
            {i === 0 ? <Keycap keys={keysFor('inbox', 'dismiss-conflict')} /> : null} Понятно
          </button>
        </div>
      ))}
    </div>
  );
}

export function AlertBanner() {
  const alert = useDeskStore((s) => s.alert);
  const clear = useDeskStore((s) => s.clearAlert);
  if (alert === null) return null;
  return (
    <div key={alert.seq} role="alert" className="banner banner-error">
      <span className="banner-text">{alert.text}</span>
      <button type="button" className="btn btn-quiet" onClick={clear}>
        <Keycap keys={keysFor('inbox', 'dismiss-alert')} /> Скрыть
      </button>
    </div>
  );
}
