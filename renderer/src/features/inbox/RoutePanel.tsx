// The legend under the detail pane: the nine favourite targets on their digit keys, plus the other actions.
// Every button shows its key; clicking does the same as pressing it. In the inbox the title row also says what
// Enter will do with the selection (features/suggestions/EnterHint.tsx).
import { useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { FAVORITE_SLOTS } from '../../../../shared/desk-api/contract.js';
import { targetColumnLabel, type Target } from '../../../../shared/domain/target.js';
import { APPEAL_FORMS, countRu } from '../../../../shared/text/plural-ru.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor, slotKeyFor, type ShortcutScope } from '../shortcuts/shortcut-table.js';
import { EnterHint } from '../suggestions/EnterHint.js';
import { SHORT_WINDOW_CLASS, SHORT_WINDOW_QUERY } from './short-window.js';

/** Another list (search results) can drive the same legend with its own selection and decisions. */
export interface RouteActions {
  scope: ShortcutScope;
  hasSelection: boolean;
  /** Why the keys will not decide the selection here (a search result another decided, on an operator's desk). */
  refusal?: string | null;
  route(targetId: string): void;
  openPicker(): void;
  openReject(): void;
  undo(): void;
}

/** A short window: the legend takes three columns (inbox.css, on SHORT_WINDOW_CLASS) of short names (below). */
function useShortWindow(): boolean {
  return useSyncExternalStore((changed) => {
    const query = window.matchMedia(SHORT_WINDOW_QUERY);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, () => window.matchMedia(SHORT_WINDOW_QUERY).matches);
}

export function RoutePanel({ actions }: { actions?: RouteActions } = {}) {
  const short = useShortWindow();
  // useShallow: a fresh array each time, but of the same Target objects, so it only re-renders on real change.
  const favorites = useDeskStore(useShallow((s) => {
    const slots: Array<Target | null> = [];
    for (let i = 0; i < FAVORITE_SLOTS; i++) {
      const id = s.favoriteIds[i];
      slots.push((id === undefined ? undefined : s.targetsById.get(id)) ?? null);
    }
    return slots;
  }));
  const inboxHasSelection = useDeskStore((s) => s.selectedId !== null);
  const decide = useDeskStore((s) => s.decide);
  const openDialog = useDeskStore((s) => s.openDialog);
  const inboxUndo = useDeskStore((s) => s.undo);
  const scope = actions?.scope ?? 'inbox';
  const refusal = actions?.refusal ?? null;
  // Refused: the decision buttons are dimmed and the reason stands beside the title, before any key is pressed.
  const hasSelection = (actions?.hasSelection ?? inboxHasSelection) && refusal === null;
  const route = actions?.route ?? ((targetId: string) => { void decide({ type: 'route', targetId }); });
  const openPicker = actions?.openPicker ?? (() => openDialog('picker'));
  const openReject = actions?.openReject ?? (() => openDialog('reject'));
  const undo = actions?.undo ?? (() => { void inboxUndo(); });
  // A surge cluster selected in the inbox (#6): folded, one key decides all of it; G unfolds it.
  const cluster = useDeskStore((s) => (s.selectedId === null ? undefined : s.clusterOf.get(s.selectedId)));
  const clusterOpen = useDeskStore((s) => (cluster ? s.expandedClusters.has(cluster.clusterId) : false));
  const toggleCluster = useDeskStore((s) => s.toggleCluster);
  const inboxCluster = actions === undefined ? cluster : undefined;

  return (
    <section className={short ? `route-panel ${SHORT_WINDOW_CLASS}` : 'route-panel'} aria-label="Направить"
      data-refused={refusal === null ? undefined : 'true'}>
      <div className="route-panel-head">
        <h3 className="panel-title">Направить</h3>
        {actions === undefined ? <EnterHint /> : null}
        {/* In the title's row, one line (its whole text in the tooltip): the panel keeps its height. */}
        {refusal !== null ? <p className="route-refusal" data-testid="route-refusal" title={refusal}>{refusal}</p> : null}
      </div>
      {inboxCluster && !clusterOpen ? (
        <p className="cluster-hint" data-testid="cluster-hint">
          Решение — для всей группы: {countRu(inboxCluster.size, APPEAL_FORMS)} (каждое отправляется отдельно)
        </p>
      ) : null}
      <ol className="favorites" aria-label="Избранные адресаты">
        {favorites.map((fav, i) => (
          <li key={i}>
            <button type="button" className="favorite" disabled={!fav || !hasSelection} title={fav?.name}
              data-slot={i + 1} onClick={() => { if (fav) route(fav.id); }}>
              <Keycap keys={slotKeyFor(scope, 'route-favorite', i + 1)} />
              <span className="favorite-name">{fav ? (short ? targetColumnLabel(fav) : fav.shortName) : '—'}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="route-actions">
        {/* Each label whole beside its key (two columns on a narrow pane, inbox.css); the tooltip names them too. */}
        <button type="button" className="btn" disabled={!hasSelection} onClick={openPicker}
          title={`Другой адресат (${keysFor(scope, 'open-picker')})`}>
          <Keycap keys={keysFor(scope, 'open-picker')} /> <span className="btn-label">Другой адресат…</span>
        </button>
        <button type="button" className="btn" disabled={!hasSelection} onClick={openReject}
          title={`Отклонить (${keysFor(scope, 'open-reject')})`}>
          <Keycap keys={keysFor(scope, 'open-reject')} /> <span className="btn-label">Отклонить…</span>
        </button>
        <button type="button" className="btn" onClick={undo} title={`Отменить последнее решение (${keysFor('global', 'undo')})`}>
          <Keycap keys={keysFor('global', 'undo')} /> <span className="btn-label">Отменить</span>
        </button>
        {actions === undefined ? (
          <button type="button" className="btn" disabled={!inboxCluster} onClick={toggleCluster}
            title={`${clusterOpen ? 'Свернуть группу' : 'Раскрыть группу'} (${keysFor('inbox', 'toggle-cluster')})`}>
            <Keycap keys={keysFor('inbox', 'toggle-cluster')} />{' '}
            <span className="btn-label">{clusterOpen ? 'Свернуть группу' : 'Раскрыть группу'}</span>
          </button>
        ) : null}
      </div>
    </section>
  );
}
