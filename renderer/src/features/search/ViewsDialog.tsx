// Ctrl+O: the saved searches, each on a digit; Enter applies the chosen one, Delete removes it.
import { useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { Keycap } from '../../components/Keycap.js';
import { keysFor, primaryKeyFor, slotKeyFor } from '../shortcuts/shortcut-table.js';
import { useDeskStore } from '../../store/desk-store.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';
import { describeQuery } from './search-query-state.js';
import { useSearchStore } from './search-store.js';

export function ViewsDialog() {
  const views = useSearchStore((s) => s.views);
  const targetsById = useDeskStore((s) => s.targetsById);
  const [cursor, setCursor] = useState(0);
  const active = Math.min(cursor, Math.max(0, views.length - 1));
  const close = (): void => useSearchStore.getState().openDialog(null);
  const apply = (index: number): void => {
    const view = views[index];
    if (view) useSearchStore.getState().applyView(view);
  };

  useShortcutScope('search-views', true, ({ shortcut, digit }) => {
    switch (shortcut.action) {
      case 'apply-view': apply((digit ?? 0) - 1); break;
      case 'move-down': setCursor(Math.min(views.length - 1, active + 1)); break;
      case 'move-up': setCursor(Math.max(0, active - 1)); break;
      case 'confirm': apply(active); break;
      case 'delete-view': {
        const view = views[active];
        if (view) void useSearchStore.getState().deleteView(view.id);
        break;
      }
      case 'close': close(); break;
      default: break;
    }
  });

  return (
    <Dialog title="Сохранённые поиски" aside={<span className="dialog-hint"><Keycap keys={keysFor('search-views', 'close')} /> закрыть</span>}
      onClose={close} className="views-dialog">
      <ul className="choice-list" role="listbox" aria-label="Сохранённые поиски" data-autofocus tabIndex={-1}>
        {views.map((view, i) => (
          <li key={view.id} role="option" aria-selected={i === active} className="choice" data-view-id={view.id}
            onMouseEnter={() => setCursor(i)} onClick={() => apply(i)}>
            {i < 9 ? <Keycap keys={slotKeyFor('search-views', 'apply-view', i + 1)} /> : <span className="keycap-gap" />}
            <span className="choice-main">
              <span className="choice-title">{view.name}</span>
              <span className="choice-sub">{describeQuery(view.query, targetsById)}</span>
            </span>
          </li>
        ))}
        {views.length === 0 ? <li className="choice-empty">Сохранённых поисков пока нет: <Keycap keys={keysFor('search', 'save-view')} /> сохранит текущий</li> : null}
      </ul>
      <p className="dialog-footer"><Keycap keys={keysFor('search-views', 'apply-view')} /> сразу · <Keycap keys={primaryKeyFor('search-views', 'move-up')} /><Keycap keys={primaryKeyFor('search-views', 'move-down')} /> выбрать ·{' '}
        <Keycap keys={primaryKeyFor('search-views', 'confirm')} /> применить · <Keycap keys={keysFor('search-views', 'delete-view')} /> удалить</p>
    </Dialog>
  );
}
