// The legend under the detail pane: the nine favourite targets on their digit keys, plus the other actions.
// Every button shows its key; clicking does the same as pressing it.
import { useShallow } from 'zustand/react/shallow';
import { FAVORITE_SLOTS } from '../../../../shared/desk-api/contract.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor } from '../shortcuts/shortcut-table.js';

export function RoutePanel() {
  const favorites = useDeskStore(useShallow((s) => {
    const slots: Array<{ id: string; shortName: string; name: string } | null> = [];
    for (let i = 0; i < FAVORITE_SLOTS; i++) {
      const id = s.favoriteIds[i];
      const target = id === undefined ? undefined : s.targetsById.get(id);
      slots.push(target ? { id: target.id, shortName: target.shortName, name: target.name } : null);
    }
    return slots;
  }));
  const hasSelection = useDeskStore((s) => s.selectedId !== null);
  const decide = useDeskStore((s) => s.decide);
  const openDialog = useDeskStore((s) => s.openDialog);
  const undo = useDeskStore((s) => s.undo);

  return (
    <section className="route-panel" aria-label="Направить">
      <h3 className="panel-title">Направить</h3>
      <ol className="favorites" aria-label="Избранные адресаты">
        {favorites.map((fav, i) => (
          <li key={i}>
            <button type="button" className="favorite" disabled={!fav || !hasSelection} title={fav?.name}
              data-slot={i + 1} onClick={() => { if (fav) void decide({ type: 'route', targetId: fav.id }); }}>
              <Keycap keys={String(i + 1)} />
              <span className="favorite-name">{fav ? fav.shortName : '—'}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="route-actions">
        <button type="button" className="btn" disabled={!hasSelection} onClick={() => openDialog('picker')}>
          <Keycap keys={keysFor('inbox', 'open-picker')} /> Другой адресат…
        </button>
        <button type="button" className="btn" disabled={!hasSelection} onClick={() => openDialog('reject')}>
          <Keycap keys={keysFor('inbox', 'open-reject')} /> Отклонить…
        </button>
        <button type="button" className="btn" onClick={() => void undo()}>
          <Keycap keys={keysFor('inbox', 'undo')} /> Отменить решение
        </button>
      </div>
    </section>
  );
}
