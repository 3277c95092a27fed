// The top bar: product name, the section tabs (Ctrl+1…9), who is working, and sign-out (with its key). On a narrow
// screen (1280 px, or 1366 px at 125–150 % scaling) it sheds what it can before two items could ever overlap:
// first the product name, the role, the «Клавиши» word and the user's full name; then the tabs' padding; then the
// sign-out's keycaps (the tabs are worth more; its key stays in the tooltip, F1 and Ctrl+K); then the tabs, which
// collapse into one menu button naming the current section (Ctrl+digit still opens each section directly), and the
// sign-out's keys return.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { shortPersonName } from '../../../shared/team/person-name.js';
import { CONFLICT_FORMS, countRu } from '../../../shared/text/plural-ru.js';
import { useFitLevel } from '../app/use-fit-level.js';
import { viewsFor, type DeskView } from '../app/view-registry.js';
import { useDeskStore } from '../store/desk-store.js';
import type { ViewId } from '../store/state-types.js';
import { keysFor, primaryKeyFor, slotKeyFor } from '../features/shortcuts/shortcut-table.js';
import { useConflictAlert } from '../features/sync/use-conflict-alert.js';
import { Keycap } from './Keycap.js';

const ROLE_LABELS = { operator: 'оператор', lead: 'старший смены', connector: 'коннектор' } as const;
/**
 * 0: everything; 1: no product name, role or «Клавиши» word, a short user name; 2: tabs closer together (layout.css);
 * 3: no keys on «Выйти» either; 4: the tabs as a menu, «Выйти» with its keys again (the menu frees far more).
 */
const MAX_FIT_LEVEL = 4;
const SIGN_OUT_KEYLESS = 3;
const TABS_FOLDED = 4;

interface TabsProps { views: readonly DeskView[]; viewId: ViewId; setView(id: ViewId): void; conflicts: number }

/** How many conflicts wait, on the «Конфликты» tab (and the folded menu): the inbox's notices say it only there. */
function ConflictCount({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <span className="tab-count" data-testid="conflicts-count" aria-label={countRu(count, CONFLICT_FORMS)}
      title={`${countRu(count, CONFLICT_FORMS)} — в разделе «Конфликты»`}>{count}</span>
  );
}

function ViewTabs({ views, viewId, setView, conflicts }: TabsProps) {
  return (
    <nav className="view-tabs" role="tablist" aria-label="Разделы">
      {views.map((v, i) => (
        <button key={v.id} type="button" role="tab" className="view-tab" aria-selected={v.id === viewId}
          data-view={v.id} onClick={() => setView(v.id)} title={`${v.title} (${slotKeyFor('global', 'switch-view', i + 1)})`}>
          {v.title}{v.id === 'conflicts' ? <> <ConflictCount count={conflicts} /></> : null}
          {' '}<Keycap keys={slotKeyFor('global', 'switch-view', i + 1)} className="tab-keys" />
        </button>
      ))}
    </nav>
  );
}

/**
 * The tabs folded into one button: the current section's name, and a list of all sections with their keys. Conflicts
 * waiting are a labelled button of their own beside it: the bare count inside read as the current section's («Очереди
 * ①», a helper's trial of 5 December).
 */
function ViewMenu({ views, viewId, setView, conflicts, conflictsSlot }: TabsProps & { conflictsSlot: number }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const items = (): HTMLButtonElement[] => Array.from(box.current?.querySelectorAll<HTMLButtonElement>('[role="menuitemradio"]') ?? []);
  // Opened, the list has the focus on the current section (the menu button pattern); a section chosen by Ctrl+digit
  // while it is open closes it.
  useEffect(() => {
    if (open) (items().find((item) => item.getAttribute('aria-checked') === 'true') ?? items()[0])?.focus();
  }, [open]);
  const [viewSeen, setViewSeen] = useState(viewId);
  if (viewSeen !== viewId) { setViewSeen(viewId); setOpen(false); }
  const choose = (id: ViewId): void => { setView(id); setOpen(false); };
  /**
   * While the list is open it owns the keys without a modifier (a helper's trial of 5 December: ↓ moved the inbox's
   * selection behind it, Esc did nothing, and «2», meant for the second section, routed the hidden appeal): ↑ ↓ Home
   * End move, Enter or Space opens the section, its digit too, Esc closes back to the button, Tab leaves (closing it);
   * anything else is stopped here, before the screen's keys (they skip an event already handled). Ctrl+digit, Ctrl+K
   * and the other chords go on to the window.
   */
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.ctrlKey || event.metaKey || event.altKey || /^F\d+$/u.test(event.code)) return;
    if (!open) {
      if (event.code === 'ArrowDown' && event.target === button.current) { setOpen(true); event.preventDefault(); }
      return;
    }
    if (event.code === 'Tab') return;
    const list = items();
    // From elsewhere in the box (Shift+Tab onto the conflicts' button): the menu closes and the key is that control's.
    if (event.target !== button.current && !list.some((item) => item === event.target)) { setOpen(false); return; }
    const at = list.findIndex((item) => item === document.activeElement);
    const focus = (i: number): void => list[(i + list.length) % list.length]?.focus();
    const digit = /^(?:Digit|Numpad)([1-9])$/u.exec(event.code)?.[1];
    if (event.code === 'ArrowDown') focus(at + 1);
    else if (event.code === 'ArrowUp') focus(at < 0 ? -1 : at - 1);
    else if (event.code === 'Home') focus(0);
    else if (event.code === 'End') focus(-1);
    else if (event.code === 'Escape') { setOpen(false); button.current?.focus(); }
    else if (['Enter', 'NumpadEnter', 'Space'].includes(event.code)) {
      const view = views[at];
      if (view) choose(view.id);
      else setOpen(false); // on the menu button: Enter toggles it, as its click does
    } else if (digit !== undefined) {
      const view = views[Number(digit) - 1];
      if (view) choose(view.id);
    }
    event.preventDefault();
  };
  const current = views.find((v) => v.id === viewId) ?? views[0];
  useEffect(() => {
    if (!open) return undefined;
    const close = (event: Event) => {
      if (!(event.target instanceof Node) || !box.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('focusin', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('focusin', close);
    };
  }, [open]);
  return (
    <div className="view-menu" ref={box} data-testid="view-menu" onKeyDown={onKeyDown}>
      <button ref={button} type="button" className="view-menu-button" aria-haspopup="menu" aria-expanded={open}
        onClick={() => setOpen(!open)} title={`Разделы (${keysFor('global', 'switch-view')})`}>
        <span className="view-menu-current">{current?.title}</span>
        {/* The section's own key on the folded menu: folded, the tabs' Ctrl+digit hints were nowhere on screen (a
            helper's trial of 6 December, 911 px and the lead's 1093 px); the menu lists every section's. */}
        {' '}<Keycap keys={slotKeyFor('global', 'switch-view', Math.max(1, views.indexOf(current ?? views[0]!) + 1))} className="tab-keys" />
        <span aria-hidden="true">▾</span>
      </button>
      {conflicts > 0 && current?.id !== 'conflicts' && conflictsSlot > 0 ? (
        <button type="button" className="view-menu-conflicts" data-testid="conflicts-chip" onClick={() => setView('conflicts')}
          title={`${countRu(conflicts, CONFLICT_FORMS)} — в разделе «Конфликты» (${slotKeyFor('global', 'switch-view', conflictsSlot)})`}>
          Конфликты <ConflictCount count={conflicts} />
          {' '}<Keycap keys={slotKeyFor('global', 'switch-view', conflictsSlot)} className="tab-keys" />
        </button>
      ) : null}
      {open ? (
        <ul className="view-menu-list" role="menu" aria-label="Разделы">
          {views.map((v, i) => (
            <li key={v.id} role="none">
              <button type="button" role="menuitemradio" aria-checked={v.id === viewId} data-view={v.id}
                tabIndex={-1} onClick={() => choose(v.id)}>
                <span>{v.title}</span>{v.id === 'conflicts' ? <> <ConflictCount count={conflicts} /></> : null}
                {' '}<Keycap keys={slotKeyFor('global', 'switch-view', i + 1)} className="tab-keys" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function TopBar() {
  const user = useDeskStore((s) => s.session?.user ?? null);
  const demo = useDeskStore((s) => s.session?.demo ?? false);
  const logout = useDeskStore((s) => s.logout);
  const openHelp = useDeskStore((s) => s.openDialog);
  const viewId = useDeskStore((s) => s.view);
  const setView = useDeskStore((s) => s.setView);
  const views = viewsFor(user?.role);
  const conflicts = useDeskStore((s) => s.conflicts.length);
  const conflictsSlot = views.findIndex((v) => v.id === 'conflicts') + 1;
  useConflictAlert(slotKeyFor('global', 'switch-view', conflictsSlot));
  // The count's width counts too: the bar refits when it appears or gains a digit.
  const [barRef, level] = useFitLevel(MAX_FIT_LEVEL, `${user?.id ?? ''}\n${views.length}\n${demo}\n${String(conflicts).length * Math.sign(conflicts)}`);
  return (
    <header className="top-bar" data-fit-level={level} ref={(element) => { barRef.current = element; }}>
      <div className="brand" title="ЦУР · Разбор обращений">
        <span className="brand-mark" aria-hidden="true">ЦУР</span>
        {level === 0 ? <span className="brand-name">ЦУР · Разбор обращений</span> : null}
        {demo ? <span className="demo-badge" title="Учебные данные, решения никуда не уходят">демо</span> : null}
      </div>
      {views.length > 1 ? (level < TABS_FOLDED
        ? <ViewTabs views={views} viewId={viewId} setView={setView} conflicts={conflicts} />
        : <ViewMenu views={views} viewId={viewId} setView={setView} conflicts={conflicts} conflictsSlot={conflictsSlot} />) : <span className="top-spacer" />}
      <div className="top-actions">
        <button type="button" className="btn btn-quiet" onClick={() => openHelp('help')} title={`Все клавиши (${keysFor('global', 'open-help')})`}
          aria-label={level === 0 ? undefined : 'Клавиши'}>
          {/* The first key only: the bar has no room for «? / F1»; the tooltip and the status bar name both. */}
          <Keycap keys={primaryKeyFor('global', 'open-help')} />{level === 0 ? ' Клавиши' : null}
        </button>
        {user ? (
          <span className="user" data-testid="user-name" title={`${user.name}, ${ROLE_LABELS[user.role]}`}>
            <span className="user-name">{level === 0 ? user.name : shortPersonName(user.name)}</span>
            {level === 0 ? <span className="user-role">{ROLE_LABELS[user.role]}</span> : null}
          </span>
        ) : null}
        {/* Its key drawn, as every action's is (a trial of 5 December found it only in the tooltip, and Ctrl+Q does nothing). */}
        <button type="button" className="btn btn-quiet" data-testid="sign-out-button" onClick={() => void logout()}
          title={`Выйти (${keysFor('global', 'logout')})`}>Выйти{level === SIGN_OUT_KEYLESS ? null : <>{' '}<Keycap keys={primaryKeyFor('global', 'logout')} className="sign-out-keys" /></>}</button>
      </div>
    </header>
  );
}
