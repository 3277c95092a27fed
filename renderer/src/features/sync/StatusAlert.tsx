// The alert of the operator's last key, said in the status bar's line (StatusBar.tsx is its one place).
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { VIEW_SCOPES } from './status-hints.js';

/**
 * Announced once (role="alert", one element per alert), gone after its reading time or the next action that goes
 * through (ui-slice.ts), or at once with its key or button.
 */
export function StatusAlert() {
  const alert = useDeskStore((s) => s.alert);
  const clear = useDeskStore((s) => s.clearAlert);
  const scope = useDeskStore((s) => VIEW_SCOPES[s.view]);
  if (alert === null) return null;
  // The dismiss key is named only where it works (the inbox's Esc; elsewhere Esc goes back or to the search box).
  const keyed = keysFor(scope, 'dismiss-alert') !== '';
  return (
    <div key={alert.seq} role="alert" className="banner banner-error" data-testid="status-alert">
      <span className="banner-text">{alert.text}</span>
      <button type="button" className="btn btn-quiet" onClick={clear}>
        {keyed ? <Keycap keys={keysFor(scope, 'dismiss-alert')} /> : null} Скрыть
      </button>
    </div>
  );
}
