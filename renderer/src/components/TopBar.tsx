// The top bar: product name, the section tabs (Ctrl+1…9), who is working, and sign-out (with its key).
import { useDeskStore } from '../store/desk-store.js';
import { keysFor, slotKeyFor } from '../features/shortcuts/shortcut-table.js';
import { Keycap } from './Keycap.js';
import { viewsFor } from '../app/view-registry.js';

const ROLE_LABELS = { operator: 'оператор', lead: 'старший смены', connector: 'коннектор' } as const;

export function TopBar() {
  const user = useDeskStore((s) => s.session?.user ?? null);
  const demo = useDeskStore((s) => s.session?.demo ?? false);
  const logout = useDeskStore((s) => s.logout);
  const openHelp = useDeskStore((s) => s.openDialog);
  const viewId = useDeskStore((s) => s.view);
  const setView = useDeskStore((s) => s.setView);
  const views = viewsFor(user?.role);
  return (
    <header className="top-bar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">ЦУР</span>
        <span className="brand-name">ЦУР · Разбор обращений</span>
        {demo ? <span className="demo-badge" title="Учебные данные, решения никуда не уходят">демо</span> : null}
      </div>
      {views.length > 1 ? (
        <nav className="view-tabs" role="tablist" aria-label="Разделы">
          {views.map((v, i) => (
            <button key={v.id} type="button" role="tab" className="view-tab" aria-selected={v.id === viewId}
              data-view={v.id} onClick={() => setView(v.id)} title={`${v.title} (${slotKeyFor('global', 'switch-view', i + 1)})`}>
              {v.title} <Keycap keys={slotKeyFor('global', 'switch-view', i + 1)} className="tab-keys" />
            </button>
          ))}
        </nav>
      ) : null}
      <div className="top-actions">
        <button type="button" className="btn btn-quiet" onClick={() => openHelp('help')}>
          <Keycap keys={keysFor('global', 'open-help')} /> Клавиши
        </button>
        {user ? (
          <span className="user" data-testid="user-name">
            <span className="user-name">{user.name}</span>
            <span className="user-role">{ROLE_LABELS[user.role]}</span>
          </span>
        ) : null}
        <button type="button" className="btn btn-quiet" onClick={() => void logout()}
          title={`Выйти (${keysFor('global', 'logout')})`}>Выйти</button>
      </div>
    </header>
  );
}
