// The «Поиск» section's state, in a store of its own so it survives switching tabs: the query as typed (repaints
// at once), the last answer (ids only; rows come per visible window), the selection and its detail, saved views,
// and decisions on results. Typing runs the query after a pause; an answer to an older query is dropped.
import { create } from 'zustand';
import { MAX_ROWS_PER_CALL, type ListedRow } from '../../../../shared/desk-api/contract.js';
import type { Appeal, Decision } from '../../../../shared/domain/appeal.js';
import type { User } from '../../../../shared/domain/user.js';
import type { SavedView, SaveViewOutcome, SearchQuery } from '../../../../shared/search/search-query.js';
import { deskCall, onDeskEvent } from '../../desk-client.js';
import { useDeskStore } from '../../store/desk-store.js';
import type { SelectionHold } from '../../store/desk-hold.js';
import type { DecideVia } from '../../lists/decidable-list-types.js';
import { deskDownRefusal } from '../sync/sync-status-text.js';
import { HoldConfirmation } from '../../lists/hold-confirmation.js';
import { createRowWindowFetcher } from '../../store/row-window-fetcher.js';
import { createDecidableList, decisionNotice, undoLastDecision, type DecidableList } from '../../lists/decidable-list.js';
import { createDebouncer, createLatestOnly } from './latest-only.js';
import { queryKey } from '../../../../shared/search/search-query-key.js';
import { EMPTY_QUERY, isBlankQuery, normalizedRange } from './search-query-state.js';
import { redecideRefusal } from './redecide-refusal.js';

/** What the operator reads after Ctrl+S, by what the core did (views.save never makes a second entry). */
const SAVE_VIEW_NOTICES: Record<SaveViewOutcome, (name: string) => string> = {
  saved: (name) => `Поиск сохранён: ${name}`,
  updated: (name) => `Поиск «${name}» обновлён`,
  'already-saved': (name) => `Этот поиск уже сохранён как «${name}»`,
};

/** Typing pause after which the query runs. */
export const SEARCH_DEBOUNCE_MS = 120;

export interface SearchAnswer {
  ids: readonly string[];
  total: number;
  terms: readonly string[];
  /** The other-layout reading the results are for («привет» for «ghbdtn»); null: the text as typed. */
  usedText: string | null;
  /** Round trip of search.query as the renderer saw it. */
  tookMs: number;
  key: string;
}

export type SearchDialog = 'save' | 'views' | 'picker' | 'reject' | null;

export interface SearchState extends DecidableList {
  query: SearchQuery;
  /** blank: nothing asked yet (empty state); searching: an answer is on its way (the old one stays shown). */
  phase: 'blank' | 'searching' | 'ready' | 'failed';
  answer: SearchAnswer | null;
  error: string | null;
  rowsById: ReadonlyMap<string, ListedRow>;
  /** Where the keys go: the box (typing, filters) or the results grid. */
  zone: 'box' | 'results';
  /** Bumped to ask the view to move focus (the store cannot reach the DOM). */
  focusSeq: number;
  dialog: SearchDialog;
  /** The filters unfolded (FilterFold.tsx): a narrow pane shows them only then. */
  filtersOpen: boolean;
  views: readonly SavedView[];
  pageSize: number;
  /** This desk's hold of the selected result (search-hold.ts), as the inbox keeps its own: pending until answered. */
  selectionHold: SelectionHold | null;

  setText(text: string): void;
  setFilters(patch: Partial<Omit<SearchQuery, 'text'>>): void;
  /** Runs a waiting query now (Enter in the box). */
  flush(): void;
  focusBox(): void;
  focusResults(): void;
  setZone(zone: 'box' | 'results'): void;
  ensureRows(windowIds: readonly string[]): Promise<void>;
  setPageSize(rows: number): void;
  openDialog(dialog: SearchDialog): void;
  setFiltersOpen(open: boolean): void;
  loadViews(): Promise<void>;
  saveView(name: string): Promise<boolean>;
  deleteView(id: string): Promise<void>;
  applyView(view: SavedView): void;
  onAppealsChanged(ids: readonly string[]): void;
  reset(): void;
}

const INITIAL = {
  query: EMPTY_QUERY, phase: 'blank' as const, answer: null, error: null, rowsById: new Map<string, ListedRow>(),
  selectedId: null, detail: null, zone: 'box' as const, dialog: null, filtersOpen: false, views: [] as readonly SavedView[],
  selectionHold: null,
};

/**
 * Where the selected result stands as this desk knows it: the status from its row (a decision made here patches it at
 * once), who decided it from its loaded detail; null while neither has arrived.
 */
export function selectedStanding(s: Pick<SearchState, 'selectedId' | 'rowsById' | 'detail'>):
  { status: Appeal['status']; routedBy: Appeal['routedBy'] } | null {
  const id = s.selectedId;
  if (id === null) return null;
  const loaded = s.detail?.id === id && s.detail.phase === 'ready' ? s.detail.local.appeal : undefined;
  const status = s.rowsById.get(id)?.status ?? loaded?.status;
  if (status === undefined) return null;
  return { status, routedBy: loaded !== undefined && loaded.status !== 'new' ? loaded.routedBy : null };
}

/** Why the keys will not decide the selected result on this desk (redecide-refusal.ts); null: they will. */
export function selectedRefusal(s: Pick<SearchState, 'selectedId' | 'rowsById' | 'detail'>,
  user: Pick<User, 'id' | 'role'> | null | undefined): string | null {
  const standing = selectedStanding(s);
  return standing === null ? null : redecideRefusal(user, standing);
}

// The last decision call made from the results: the next selection's hold waits for it (search-hold.ts), so the core
// holds the decided appeal as pending before it lets the selection's hold go — as the inbox does.
let decisionCall: Promise<unknown> = Promise.resolve();
export const searchDecisionSettled = (): Promise<unknown> => decisionCall;

export const useSearchStore = create<SearchState>()((set, get) => {
  const latest = createLatestOnly();
  const debouncer = createDebouncer(() => { void run(); }, SEARCH_DEBOUNCE_MS);
  const desk = useDeskStore.getState;

  // Selection, detail and moves: the controller the inbox uses too, over the ids of the current answer.
  const list = createDecidableList({
    ids: () => get().answer?.ids ?? [],
    selectedId: () => get().selectedId,
    setSelectedId: (selectedId) => set({ selectedId }),
    detail: () => get().detail,
    setDetail: (detail) => set({ detail }),
    clearAlert: () => desk().clearAlert(),
    onOperatorSelect: () => confirmation.clear(),
  });
  const { selectId, loadDetail } = list;
  // A waiting appeal a colleague reads takes the same key twice here too: the finder must not beat the reader unaware.
  const confirmation = new HoldConfirmation();

  async function run(): Promise<void> {
    const query = normalizedRange(get().query);
    if (isBlankQuery(query)) {
      latest.cancel();
      set({ phase: 'blank', answer: null, error: null });
      selectId(null);
      return;
    }
    const key = queryKey(query);
    if (get().answer?.key === key && get().phase === 'ready') return;
    const ticket = latest.begin();
    set({ phase: 'searching' });
    const started = performance.now();
    const result = await deskCall('search.query', query);
    // A newer query went out while this one ran: its answer is what the operator is waiting for.
    if (!latest.isCurrent(ticket)) return;
    const tookMs = performance.now() - started;
    if (!result.ok) {
      set({ phase: 'failed', error: result.error.message });
      return;
    }
    const { ids, total, terms } = result.value;
    set({ phase: 'ready', error: null, answer: { ids, total, terms, usedText: result.value.usedText ?? null, tookMs, key } });
    const { selectedId } = get();
    selectId(selectedId !== null && ids.includes(selectedId) ? selectedId : ids[0] ?? null);
  }

  async function fetchRows(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += MAX_ROWS_PER_CALL) {
      const result = await deskCall('appeals.rows', { ids: ids.slice(i, i + MAX_ROWS_PER_CALL) });
      if (!result.ok) {
        desk().showAlert(`Не удалось загрузить обращения: ${result.error.message}`);
        return;
      }
      const next = new Map(get().rowsById);
      for (const row of result.value.rows) next.set(row.id, row);
      set({ rowsById: next });
    }
  }

  const ensureRows = createRowWindowFetcher<ListedRow>({
    ids: () => get().answer?.ids ?? [],
    indexOf: (ids, id) => ids.indexOf(id),
    rows: () => get().rowsById,
    setRows: (rowsById) => set({ rowsById }),
    showAlert: (text) => desk().showAlert(text),
    keep: (row) => row,
  });

  function patchRow(id: string, patch: Partial<ListedRow>): ListedRow | undefined {
    const before = get().rowsById.get(id);
    if (before) set({ rowsById: new Map(get().rowsById).set(id, { ...before, ...patch }) });
    return before;
  }

  async function decide(decision: Decision, via: DecideVia = 'key'): Promise<void> {
    const { selectedId: id, answer } = get();
    if (id === null || answer === null) return;
    const down = deskDownRefusal(desk().deskLink);
    if (down !== null) { desk().showAlert(down); return; }
    const standing = selectedStanding(get());
    if (standing === null) return; // the row has not arrived yet: nothing to judge the key by
    const { status } = standing;
    // A decided appeal is re-decided by a shift lead only: an operator's key answers with the reason the route panel
    // shows, the selection staying put (trial of 4 December: it moved on as if routed; later trial: a red «Решение не
    // сохранено» after a panel that looked ready).
    const refusal = redecideRefusal(desk().session?.user, standing);
    if (refusal !== null) {
      desk().showNotice(refusal, { tone: 'info' });
      return;
    }
    // This desk's own hold vouches for it (a colleague's mark may lag behind the server's answer), as in the inbox.
    const own = get().selectionHold;
    const holder = status === 'new' && !(own?.id === id && own.state === 'mine') ? desk().heldByOthers.get(id) : undefined;
    if (!holder) confirmation.clear(); // a question left from before asks nothing now (the colleague let go)
    else if (!confirmation.confirm(id, decision, holder, (text) => desk().showAlert(text), via)) return;
    // The alert on screen now is the one this decision's notice ends; one raised while the call is out stays.
    const since = desk().alert?.seq ?? 0;
    // The row shows the decision at once and the selection moves on, as in the inbox; refused = put back.
    const before = patchRow(id, decision.type === 'route'
      ? { status: 'routed', targetId: decision.targetId } : { status: 'rejected', targetId: null });
    const index = answer.ids.indexOf(id);
    if (index >= 0 && index < answer.ids.length - 1) selectId(answer.ids[index + 1] ?? id);
    // A waiting appeal is decided like in the inbox; a decided one is a re-decision, which only a lead may make
    // (the core and then the server check the role: their answer is what the operator sees).
    let refused: string | null = null;
    if (status === 'new') {
      const call = decision.type === 'route'
        ? deskCall('appeals.route', { appealId: id, targetId: decision.targetId })
        : deskCall('appeals.reject', { appealId: id, reason: decision.reason });
      decisionCall = call;
      const result = await call;
      if (!result.ok) refused = result.error.message;
    } else {
      const result = await deskCall('appeals.redecide', { appealIds: [id], decision });
      if (!result.ok) refused = result.error.message;
      else if (result.value.failed[0]) refused = result.value.failed[0].message;
    }
    if (refused !== null) {
      if (before) patchRow(id, { status: before.status, targetId: before.targetId });
      desk().showAlert(`Решение не сохранено: ${refused}`);
      return;
    }
    desk().showNotice(decisionNotice(decision, (id) => desk().targetsById.get(id)?.shortName, status !== 'new'), { since });
    void fetchRows([id]);
  }

  return {
    ...INITIAL,
    focusSeq: 0,
    pageSize: 20,
    setText: (text) => {
      set({ query: { ...get().query, text } });
      debouncer.schedule();
    },
    setFilters: (patch) => {
      set({ query: { ...get().query, ...patch } });
      debouncer.cancel();
      void run();
    },
    flush: () => {
      debouncer.flush();
    },
    focusBox: () => set({ zone: 'box', focusSeq: get().focusSeq + 1 }),
    focusResults: () => {
      debouncer.flush();
      // Nothing to move into yet (no answer, no hits): the keys stay with the box.
      if ((get().answer?.ids.length ?? 0) === 0 && get().phase !== 'searching') return;
      set({ zone: 'results', focusSeq: get().focusSeq + 1 });
      if (get().selectedId === null) selectId(get().answer?.ids[0] ?? null);
    },
    setZone: (zone) => { if (get().zone !== zone) set({ zone }); },
    ensureRows,
    select: list.select,
    moveBy: list.moveBy,
    selectEdge: list.selectEdge,
    setPageSize: (rows) => set({ pageSize: Math.max(1, Math.floor(rows)) }),
    openDialog: (dialog) => {
      // «/» and X on a result this desk will not decide answer as the digits do: the reason, no dialog to fill in vain.
      const refusal = dialog === 'picker' || dialog === 'reject' ? selectedRefusal(get(), desk().session?.user) : null;
      if (refusal !== null) desk().showNotice(refusal, { tone: 'info' });
      else set({ dialog });
    },
    setFiltersOpen: (filtersOpen) => set({ filtersOpen }),
    decide,
    undo: async () => {
      const since = desk().alert?.seq ?? 0;
      const undone = await undoLastDecision((text) => desk().showAlert(text));
      if (undone === null) return;
      const { appealId } = undone;
      if (get().rowsById.has(appealId)) void fetchRows([appealId]);
      if (get().answer?.ids.includes(appealId)) selectId(appealId);
      desk().showNotice('Решение отменено', { since });
    },
    loadViews: async () => {
      const result = await deskCall('views.list', {});
      if (result.ok) set({ views: result.value.views });
      else desk().showAlert(`Сохранённые поиски не загрузились: ${result.error.message}`);
    },
    saveView: async (name) => {
      const since = desk().alert?.seq ?? 0;
      const result = await deskCall('views.save', { name, query: normalizedRange(get().query) });
      if (!result.ok) {
        desk().showAlert(`Поиск не сохранён: ${result.error.message}`);
        return false;
      }
      const { view, outcome } = result.value;
      set({ views: [...get().views.filter((v) => v.id !== view.id), view] });
      desk().showNotice(SAVE_VIEW_NOTICES[outcome](view.name), { since });
      void get().loadViews();
      return true;
    },
    deleteView: async (id) => {
      const result = await deskCall('views.delete', { id });
      if (!result.ok) {
        desk().showAlert(result.error.message);
        return;
      }
      set({ views: get().views.filter((v) => v.id !== id) });
    },
    applyView: (view) => {
      set({ query: view.query, dialog: null });
      debouncer.cancel();
      void run();
      get().focusBox();
    },
    onAppealsChanged: (ids) => {
      list.forgetDetails(ids);
      const { rowsById, selectedId } = get();
      const stale = ids.length === 0 ? [...rowsById.keys()] : ids.filter((id) => rowsById.has(id));
      if (stale.length > 0) void fetchRows(stale);
      if (selectedId !== null && (ids.length === 0 || ids.includes(selectedId))) void loadDetail(selectedId);
    },
    reset: () => {
      list.forgetDetails([]); // no citizen text outlives the session
      latest.cancel();
      debouncer.cancel();
      set({ ...INITIAL, rowsById: new Map() });
    },
  };
});

let following = false;
/** Keep held rows fresh when appeals change, and forget everything (citizen text included) on sign-out. */
export function followSearchEvents(): void {
  if (following) return;
  following = true;
  onDeskEvent('appeals.changed', ({ ids }) => useSearchStore.getState().onAppealsChanged(ids));
  useDeskStore.subscribe((s, prev) => {
    if (prev.session?.user != null && s.session?.user == null) useSearchStore.getState().reset();
  });
}
