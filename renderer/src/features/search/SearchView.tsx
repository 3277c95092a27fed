// «Поиск»: full-text search over every cached appeal (works offline). The box and the filter bar on top, the
// results in the inbox's grid, the selected appeal and the routing legend on the right; Enter or ↓ moves into
// the results, Esc comes back; Ctrl+S saves the search, Ctrl+O lists the saved ones. When the words as typed find
// nothing and their other-layout reading does, the core answers for that and the summary says so.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { ONLY_LEAD_REDECIDES } from '../../../../shared/domain/appeal.js';
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { AppealGrid } from '../inbox/AppealGrid.js';
import { AppealDetail } from '../inbox/DetailPane.js';
import { RoutePanel, type RouteActions } from '../inbox/RoutePanel.js';
import { AdvisedRejectDialog } from '../reject/RejectDialog.js';
import { keysFor, primaryKeyFor, resolveShortcut } from '../shortcuts/shortcut-table.js';
import { TargetPicker } from '../target-picker/TargetPicker.js';
import { SaveViewDialog } from './SaveViewDialog.js';
import { FilterFold, FiltersToggle, toggleFiltersFrom } from './FilterFold.js';
import { appealsCount, formatTook, isBlankQuery } from './search-query-state.js';
import { SEARCH_COLUMNS } from './search-columns.js';
import { followSearchEvents, selectedRefusal, useSearchStore } from './search-store.js';
import { followSearchHold } from './search-hold.js';
import { useSearchKeys } from './use-search-keys.js';
import { ViewsDialog } from './ViewsDialog.js';
import { HoldNotice } from '../team/HeldMark.js';
import { useHeldByName } from '../team/use-held-by.js';
import '../../styles/search.css';

/** Keys pressed in the box or a filter: the table's «search-box» chords, and nothing else leaves the field. */
function onHeadKeyDown(event: KeyboardEvent<HTMLElement>, fromTextBox: boolean): void {
  const s = useSearchStore.getState();
  const match = resolveShortcut('search-box', event.nativeEvent);
  const ctrl = event.ctrlKey || event.metaKey;
  // Arrows, Enter and Esc belong to a list or a date field while it has the focus; Ctrl chords work everywhere.
  if (match !== null && (fromTextBox || ctrl)) {
    event.preventDefault();
    event.stopPropagation();
    switch (match.shortcut.action) {
      case 'to-results': s.focusResults(); break;
      case 'clear-search': s.setText(''); break;
      case 'save-view': s.openDialog('save'); break;
      case 'open-views': s.openDialog('views'); break;
      case 'toggle-filters': toggleFiltersFrom(document.activeElement); break;
      default: break;
    }
    return;
  }
  // Typed characters are text: «?» (Shift+«,» on ЙЦУКЕН) must not open the help from inside the box.
  if (!ctrl && !event.altKey && event.key.length === 1) event.stopPropagation();
}

function SearchSummary() {
  const phase = useSearchStore((s) => s.phase);
  const answer = useSearchStore((s) => s.answer);
  const error = useSearchStore((s) => s.error);
  if (phase === 'blank') return <p className="search-summary muted" data-testid="search-summary" data-phase="blank">&nbsp;</p>;
  if (phase === 'failed') {
    return <p className="search-summary search-error" role="alert" data-testid="search-summary" data-phase="failed">Поиск не выполнен: {error}</p>;
  }
  return (
    <p className="search-summary" data-testid="search-summary" data-phase={phase} data-total={answer?.total ?? 0}
      aria-live="polite">
      {answer === null ? 'Поиск…' : (
        <>
          Найдено: <strong>{appealsCount(answer.total)}</strong>
          {answer.total > answer.ids.length ? <span className="muted">, показаны первые {answer.ids.length.toLocaleString('ru-RU')}</span> : null}
          <span className="search-took muted" data-testid="search-took"> · {formatTook(answer.tookMs)}</span>
          {phase === 'searching' ? <span className="muted"> · ищу…</span> : null}
          {answer.usedText !== null ? (
            <span className="search-used-text" data-testid="search-used-text"> · Показаны результаты для «{answer.usedText}»</span>
          ) : null}
        </>
      )}
    </p>
  );
}

function SearchResults({ gridRef }: { gridRef: React.RefObject<HTMLDivElement | null> }) {
  const heldBy = useHeldByName();
  const phase = useSearchStore((s) => s.phase);
  const answer = useSearchStore((s) => s.answer);
  const rowsById = useSearchStore((s) => s.rowsById);
  const selectedId = useSearchStore((s) => s.selectedId);
  const select = useSearchStore((s) => s.select);
  const ensureRows = useSearchStore((s) => s.ensureRows);
  const setPageSize = useSearchStore((s) => s.setPageSize);
  const blank = useSearchStore((s) => isBlankQuery(s.query));
  // This desk's hold of the selection (search-hold.ts), on the row as in the inbox; none for a result not held.
  const selectedHold = useSearchStore((s) => (s.selectionHold?.id === s.selectedId ? s.selectionHold?.state : undefined));

  if (blank || phase === 'blank') {
    return (
      <div className="inbox-empty search-empty" data-testid="search-empty">
        <p className="inbox-empty-title">Поиск по всем обращениям</p>
        <p className="muted">Введите слова из текста, имени автора или названия канала — или выберите фильтр.</p>
        <p className="muted">Ищет в локальной базе, поэтому работает и без связи. «ё» и «е» не различаются.</p>
        <p className="search-empty-keys muted">
          <Keycap keys={primaryKeyFor('search-box', 'to-results')} /> к результатам · <Keycap keys={keysFor('search-box', 'save-view')} /> сохранить поиск ·{' '}
          <Keycap keys={keysFor('search-box', 'open-views')} /> сохранённые поиски · <Keycap keys={keysFor('search-box', 'toggle-filters')} /> фильтры
        </p>
      </div>
    );
  }
  if (answer !== null && answer.ids.length === 0 && phase !== 'failed') {
    return (
      <div className="inbox-empty search-empty" data-testid="search-no-results">
        <p className="inbox-empty-title">Ничего не найдено</p>
        <p className="muted">Попробуйте другие слова или уберите часть фильтров.</p>
      </div>
    );
  }
  if (answer === null) return <div className="inbox-empty" aria-busy="true"><p className="muted">Поиск…</p></div>;
  return (
    <AppealGrid ids={answer.ids} rowsById={rowsById} selectedId={selectedId} onSelect={select} ensureRows={ensureRows}
      columns={SEARCH_COLUMNS} label="Результаты поиска" onPageSize={setPageSize} className="search-grid" gridRef={gridRef}
      heldBy={heldBy} selectedHold={selectedHold} />
  );
}

/** Where the selected result stands, above its text: waiting, or decided by whom and where. */
function Standing() {
  const detail = useSearchStore((s) => s.detail);
  const isLead = useDeskStore((s) => s.session?.user?.role === 'lead');
  const targetsById = useDeskStore((s) => s.targetsById);
  if (detail?.phase !== 'ready') return null;
  const { appeal } = detail.local;
  if (appeal.status === 'new') return <p className="result-standing status-new">Ждёт решения</p>;
  const where = appeal.status === 'routed'
    ? `Направлено: ${targetsById.get(appeal.targetId ?? '')?.shortName ?? appeal.targetId ?? ''}` : 'Отклонено';
  return (
    <p className={`result-standing status-${appeal.status}`} data-testid="result-standing">
      {where}{appeal.routedBy ? ` · ${appeal.routedBy.name}` : ''}
      {/* An operator's desk says why its keys will not change it in the route panel, where the keys are. */}
      {isLead ? <span className="muted"> · клавиши решения перенаправят его</span> : null}
    </p>
  );
}

function SearchDetail() {
  const selectedId = useSearchStore((s) => s.selectedId);
  const row = useSearchStore((s) => (s.selectedId === null ? undefined : s.rowsById.get(s.selectedId)));
  const detail = useSearchStore((s) => s.detail);
  const nowMs = useDeskStore((s) => s.nowMs);
  // A waiting result a colleague reads says so, as in the inbox (a decision on it then takes its key twice).
  return <AppealDetail selectedId={selectedId} row={row} detail={detail} nowMs={nowMs} suggestions={false} status={<Standing />}
    headerNote={selectedId === null ? null : <HoldNotice appealId={selectedId} />} />;
}

export function SearchView() {
  useSearchKeys();
  const text = useSearchStore((s) => s.query.text);
  const zone = useSearchStore((s) => s.zone);
  const focusSeq = useSearchStore((s) => s.focusSeq);
  const dialog = useSearchStore((s) => s.dialog);
  const selectedId = useSearchStore((s) => s.selectedId);
  const hasSelection = selectedId !== null;
  const hasHits = useSearchStore((s) => (s.answer?.ids.length ?? 0) > 0);
  const user = useDeskStore((s) => s.session?.user);
  // The panel says the rule only: who decided stands in the detail's standing line above it, and the whole answer
  // («Решение принял(а) …: изменить решение …») was cut before its point at 150 % («…: измени…»); a key still says it
  // whole in the status bar.
  const refused = useSearchStore((s) => selectedRefusal(s, user) !== null);
  const refusal = refused ? ONLY_LEAD_REDECIDES : null;
  const boxRef = useRef<HTMLInputElement>(null);
  const gridRef = useRef<HTMLDivElement | null>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const resultsRef = useRef<HTMLDivElement>(null);
  const handledFocusSeq = useRef(-1);
  /** The section just opened: the query's text is selected, so typing replaces it (as Ctrl+F does in a browser). */
  const entering = useRef(true);

  useEffect(() => {
    followSearchEvents();
    followSearchHold();
    void useSearchStore.getState().loadViews();
    return () => {
      // A dialog of this section does not outlive leaving it; coming back (its key, its tab, the palette) starts in the
      // query, not in the results: letters typed there as a new query were the list's keys — «5» routed an appeal
      // (trial). The results stay one key away (Enter, ↓).
      useSearchStore.getState().openDialog(null);
      useSearchStore.getState().setZone('box');
    };
  }, []);

  // The store asks for focus (Ctrl+F, Enter, Esc); on opening the section, focus goes where the keys go. A zone the
  // person entered by Tab or Shift+Tab already has the focus where they put it: Shift+Tab from the results to the last
  // filter must stay there, not jump to the box (trial of 4 December: the filters could not be stepped back through).
  useEffect(() => {
    const asked = focusSeq !== handledFocusSeq.current;
    handledFocusSeq.current = focusSeq;
    const container = zone === 'box' ? headRef.current : resultsRef.current;
    const entered = entering.current;
    entering.current = false;
    if (!asked && container?.contains(document.activeElement)) return;
    if (zone === 'box') {
      boxRef.current?.focus();
      if (entered) boxRef.current?.select();
    } else gridRef.current?.focus();
    // hasHits: Enter pressed before the answer came; the grid takes the focus once it exists.
  }, [zone, focusSeq, hasHits]);

  const s = useSearchStore.getState;
  const actions: RouteActions = {
    scope: 'search', hasSelection, refusal,
    route: (targetId) => { void s().decide({ type: 'route', targetId }); },
    openPicker: () => s().openDialog('picker'),
    openReject: () => s().openDialog('reject'),
    undo: () => { void s().undo(); },
  };
  const closeDialog = (): void => s().openDialog(null);

  return (
    <main className="workspace search-workspace">
      <section className="inbox-pane search-pane" aria-label="Поиск">
        <div ref={headRef} className="search-head" onFocusCapture={() => s().setZone('box')}>
          <div className="search-box-row">
            <input ref={boxRef} className="search-input" type="search" value={text} aria-label="Поиск по обращениям"
              placeholder="Слова из текста, автора или канала: «мусор ленинский», «отопление»…"
              autoComplete="off" spellCheck={false} data-testid="search-box"
              onChange={(e) => s().setText(e.target.value)} onKeyDown={(e) => onHeadKeyDown(e, true)} />
            {/* Each hint stays whole; on a narrow pane (150 %) they wrap under the box instead of running off its edge. */}
            <span className="search-box-hints muted">
              <span><Keycap keys={primaryKeyFor('search-box', 'to-results')} /> к результатам</span>
              <span><Keycap keys={keysFor('search-box', 'save-view')} /> сохранить</span>
              <span><Keycap keys={keysFor('search-box', 'open-views')} /> сохранённые</span>
            </span>
          </div>
          <FilterFold onKeyDown={(e) => onHeadKeyDown(e, false)} />
          <div className="search-summary-line">
            <SearchSummary />
            <FiltersToggle />
          </div>
        </div>
        <div ref={resultsRef} className="search-results" onFocusCapture={() => s().setZone('results')}>
          <SearchResults gridRef={gridRef} />
        </div>
        {zone === 'results' ? (
          <p className="search-zone-hint muted">
            <Keycap keys={keysFor('search', 'to-box')} /> к строке поиска · <Keycap keys={primaryKeyFor('search', 'move-up')} /><Keycap keys={primaryKeyFor('search', 'move-down')} /> результаты ·{' '}
            <Keycap keys={keysFor('search', 'route-favorite')} /> <Keycap keys={keysFor('search', 'open-picker')} /> <Keycap keys={keysFor('search', 'open-reject')} /> решение
          </p>
        ) : null}
      </section>
      <aside className="side-pane">
        <SearchDetail />
        <RoutePanel actions={actions} />
      </aside>
      {dialog === 'save' ? <SaveViewDialog /> : null}
      {dialog === 'views' ? <ViewsDialog /> : null}
      {dialog === 'picker' ? (
        <TargetPicker onClose={closeDialog} onChoose={(targetId) => { void s().decide({ type: 'route', targetId }, 'dialog'); }} />
      ) : null}
      {dialog === 'reject' ? (
        <AdvisedRejectDialog appealIds={selectedId === null ? [] : [selectedId]} onClose={closeDialog}
          onChoose={(reason) => { void s().decide({ type: 'reject', reason }, 'dialog'); }} />
      ) : null}
    </main>
  );
}
