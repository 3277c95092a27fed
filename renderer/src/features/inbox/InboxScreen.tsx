// The inbox section: the grid of appeals waiting for routing, the detail pane and the routing legend.
import { useDeskStore } from '../../store/desk-store.js';
import { DetailPane } from './DetailPane.js';
import { InboxTable } from './InboxTable.js';
import { ConflictNotices } from '../sync/ConflictNotice.js';
import { RoutePanel } from './RoutePanel.js';
import { useInboxKeys } from './use-inbox-keys.js';

function InboxList() {
  const phase = useDeskStore((s) => s.inboxPhase);
  const empty = useDeskStore((s) => s.rowIds.length === 0);
  if (phase === 'ready' && empty) {
    return (
      <div className="inbox-empty" data-testid="inbox-empty">
        <div className="inbox-empty-mark" aria-hidden="true">✓</div>
        <p className="inbox-empty-title">Все обращения разобраны</p>
        <p className="muted">Новые обращения появятся здесь сами.</p>
      </div>
    );
  }
  if (phase === 'idle' || (phase === 'loading' && empty)) {
    return <div className="inbox-empty" aria-busy="true"><p className="muted">Загрузка обращений…</p></div>;
  }
  if (phase === 'failed' && empty) {
    return <div className="inbox-empty"><p className="muted">Список не загрузился. Он обновится, как только программа будет готова.</p></div>;
  }
  return <InboxTable />;
}

/** The inbox section: the grid (or its empty state) beside the detail pane and the routing legend. */
export function InboxView() {
  useInboxKeys();
  return (
    <main className="workspace">
      <section className="inbox-pane" aria-label="Очередь обращений">
        <InboxList />
        {/* In the list's flow under the grid: floating over the detail pane's top it hid the source, the author and
            the text's first lines of every appeal read until D (trial); in the narrow side pane at 150 % it left the
            text no room. The grid gives up its last rows and keeps the selection in view (AppealGrid.tsx). */}
        <div className="notice-layer">
          <ConflictNotices />
        </div>
      </section>
      <aside className="side-pane">
        <DetailPane />
        <RoutePanel />
      </aside>
    </main>
  );
}
