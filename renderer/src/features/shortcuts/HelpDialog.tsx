// «?»: every shortcut, grouped by where it works — rendered from the same (live, remappable) table that handles the
// keys. Enter opens «Настройка клавиш» (KeymapEditor) in the same dialog; its Esc comes back here.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { KeymapEditor } from './KeymapEditor.js';
import { browserKeyLabel, keysFor, primaryKeyFor, SCOPE_TITLES, scopesFor, SHORTCUTS, type ShortcutScope } from './shortcut-table.js';
import { useKeymapVersion } from './use-keymap.js';
import { useShortcutScope } from './use-shortcut-scope.js';
import { VIEW_SCOPES } from '../sync/status-hints.js';

const SCOPES: ShortcutScope[] = ['global', 'inbox', 'picker', 'reject', 'photo-viewer', 'queues', 'queue-appeal', 'reroute-confirm', 'stats',
  'export-toast', 'search-box', 'search', 'search-views', 'conflicts', 'sync-log', 'palette', 'favorites'];

/**
 * Whether the region has more below what is shown. At 1366×768 @150 % the list is three screens tall and nothing said
 * so (trial: the help looked complete, cut mid-column): the region fades at its foot and the note names the key.
 */
function useMoreBelow(region: RefObject<HTMLElement | null>, active: boolean): boolean {
  const [more, setMore] = useState(false);
  useEffect(() => {
    const el = region.current;
    if (!active || el === null) return undefined;
    const update = () => setMore(el.scrollHeight - el.scrollTop - el.clientHeight > 2);
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resized = new ResizeObserver(update);
    resized.observe(el);
    return () => { el.removeEventListener('scroll', update); resized.disconnect(); };
  }, [region, active]);
  return more;
}

export function HelpDialog() {
  useKeymapVersion();
  const close = useDeskStore((s) => s.closeDialog);
  const [editing, setEditing] = useState(false);
  const columns = useRef<HTMLDivElement>(null);
  // Back from the key settings, the keyboard is in the list again (the dialog focuses it only when it opens).
  useEffect(() => { if (!editing) columns.current?.focus(); }, [editing]);
  const more = useMoreBelow(columns, !editing);
  // The keys of the screen the help was opened over come first, at the top of the first column, then the global ones
  // (a helper's trial of 5 December: the lead's «Очереди» keys began five pages down at 150 %), then the rest.
  const here = useDeskStore((s) => VIEW_SCOPES[s.view]);
  const role = useDeskStore((s) => s.session?.user?.role);
  const scopes = scopesFor(role, [...new Set<ShortcutScope>([here, 'global', ...SCOPES])]);
  useShortcutScope('help', !editing, (m) => {
    if (m.shortcut.action === 'close') close();
    else if (m.shortcut.action === 'open-keymap') setEditing(true);
  });
  return (
    <Dialog title="Клавиши" onClose={close} className="help-dialog" aside={editing
      ? <span className="dialog-hint">Настройка клавиш · <Keycap keys={keysFor('keymap', 'close')} /> назад</span>
      : <span className="dialog-hint"><Keycap keys={primaryKeyFor('help', 'open-keymap')} /> изменить · <Keycap keys={keysFor('help', 'close')} /> закрыть</span>}>
      {editing ? <KeymapEditor onBack={() => setEditing(false)} /> : (
        <>
          {/* In the tab order (not only focused on open): a scrolling region must be reachable by keyboard (axe). */}
          <div className={more ? 'help-columns more' : 'help-columns'} data-autofocus tabIndex={0} role="region"
            aria-label="Все клавиши" ref={columns} data-more={more}>
            {scopes.map((scope) => (
              <section key={scope}>
                <h3>{SCOPE_TITLES[scope]}</h3>
                <dl className="help-list">
                  {SHORTCUTS.filter((s) => s.scope === scope).map((s) => (
                    <div key={`${s.action}:${s.keys}`} className="help-row" data-scope={s.scope} data-action={s.action}>
                      <dt><Keycap keys={s.keys} /></dt>
                      <dd>{s.label}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
          <p className="help-note">
            {more ? <span className="help-more" data-testid="help-more"><Keycap keys={browserKeyLabel('scrollPage')} /> ниже ещё клавиши · </span> : null}
            Клавиши работают по положению на клавиатуре: в русской раскладке тоже.
            {' '}<Keycap keys={primaryKeyFor('help', 'open-keymap')} /> — изменить клавиши (свои у каждого оператора).</p>
        </>
      )}
    </Dialog>
  );
}
