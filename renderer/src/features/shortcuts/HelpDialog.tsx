// «?»: every shortcut, grouped by where it works — rendered from the same table that handles the keys.
import { Dialog } from '../../components/Dialog.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor, SCOPE_TITLES, SHORTCUTS, type ShortcutScope } from './shortcut-table.js';
import { useShortcutScope } from './use-shortcut-scope.js';

const SCOPES: ShortcutScope[] = ['global', 'inbox', 'picker', 'reject', 'queues', 'stats', 'search-box', 'search', 'search-views', 'conflicts', 'sync-log'];

export function HelpDialog() {
  const close = useDeskStore((s) => s.closeDialog);
  useShortcutScope('help', true, (m) => { if (m.shortcut.action === 'close') close(); });
  return (
    <Dialog title="Клавиши" aside={<span className="dialog-hint"><Keycap keys={keysFor('help', 'close')} /> закрыть</span>} onClose={close}
      className="help-dialog">
      {/* In the tab order (not only focused on open): a scrolling region must be reachable by keyboard (axe). */}
      <div className="help-columns" data-autofocus tabIndex={0} role="region" aria-label="Все клавиши">
        {SCOPES.map((scope) => (
          <section key={scope}>
            <h3>{SCOPE_TITLES[scope]}</h3>
            <dl className="help-list">
              {SHORTCUTS.filter((s) => s.scope === scope).map((s) => (
                <div key={`${s.action}:${s.keys}`} className="help-row">
                  <dt><Keycap keys={s.keys} /></dt>
                  <dd>{s.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="help-note">Клавиши работают по положению на клавиатуре: в русской раскладке тоже.</p>
    </Dialog>
  );
}
