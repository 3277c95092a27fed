// The inbox: the ids of all waiting appeals, grid rows only for what is on screen (a small cache filled per
// window), the selection, the detail of the selected appeal, and the optimistic decisions — a decided appeal
// leaves the list at once and comes back if the core refuses.
import type { InboxRow } from '../../../shared/desk-api/contract.js';
import { REJECT_REASON_LABELS, type Appeal, type Decision } from '../../../shared/domain/appeal.js';
import { excerptOf } from '../../../shared/text/inert-text.js';
import { deskCall } from '../desk-client.js';
import { createRowWindowFetcher } from './row-window-fetcher.js';
import { createDetailLoader } from './detail-loader.js';
import {
  indexOfId, insertAt, moveSelection, reconcileSelection, removeId, selectionAfterRemoval, sortedInsertIndex,
} from './inbox-order.js';
import type { InboxSlice, SliceCreator } from './state-types.js';
import type { ClusterInfo } from '../../../shared/desk-api/routing-contract.js';
import { shownMembers } from './shown-cluster-members.js';

// Appeals decided here whose call has not returned yet: a reload that races the call must not show them again.
const inFlight = new Set<string>();

// Up to this many changed ids are patched one by one (appeals.get each); more, or "unknown", reloads the list.
// A decision, an undo or a push touches one or a few appeals: with 100,000 waiting, a full reload for each
// would cost seconds, a patch costs a few milliseconds.
const MAX_PATCHED_IDS = 40;


/** The grid row of an appeal, built the way the core builds it for `inbox.list`. */
function rowOf(appeal: Appeal): InboxRow {
  return {
    id: appeal.id, source: appeal.source, channelName: appeal.channel.name, authorName: appeal.author.name,
    excerpt: excerptOf(appeal.text), receivedAt: appeal.receivedAt, attachmentCount: appeal.attachments.length,
  };
}

/** «обращение», «обращения», «обращений» for a count. */
function appealsWord(n: number): string {
  const d = n % 10;
  const dd = n % 100;
  if (d === 1 && dd !== 11) return 'обращение';
  if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return 'обращения';
  return 'обращений';
}

export const createInboxSlice: SliceCreator<InboxSlice> = (set, get) => {
  const loadDetail = createDetailLoader({
    selectedId: () => get().selectedId,
    detail: () => get().detail,
    setDetail: (detail) => set({ detail }),
  });

  function selectId(id: string | null): void {
    if (get().selectedId === id) return;
    set({ selectedId: id });
    void loadDetail(id);
  }

  async function fetchList(): Promise<void> {
    if (get().inboxPhase !== 'ready') set({ inboxPhase: 'loading' });
    const result = await deskCall('inbox.ids', { order: get().inboxOrder, expanded: [...get().expandedClusters] });
    if (!result.ok) {
      set({ inboxPhase: get().inboxPhase === 'ready' ? 'ready' : 'failed' });
      get().showAlert(`Не удалось загрузить обращения: ${result.error.message}`);
      return;
    }
    // Ids only: 100,000 of them cost a few MB once; rows come per visible window (ensureRows).
    const present = new Set<string>();
    const rowIds: string[] = [];
    for (const id of result.value.ids) {
      if (inFlight.has(id) || present.has(id)) continue;
      present.add(id);
      rowIds.push(id);
    }
    // Cached rows stay valid while their appeal waits (what a row shows does not change); others are dropped.
    const { rowIds: previous, selectedId, rowsById } = get();
    const kept = new Map<string, InboxRow>();
    for (const [id, row] of rowsById) if (present.has(id)) kept.set(id, row);
    const nextSelected = reconcileSelection(previous, selectedId, rowIds, (id) => present.has(id));
    // Surge clusters (#6): which listed ids stand for several appeals; expansions of clusters now gone are dropped.
    const clusterOf = new Map<string, ClusterInfo>(Object.entries(result.value.clusters ?? {}));
    const live = new Set([...clusterOf.values()].map((c) => c.clusterId));
    const expandedClusters = new Set([...get().expandedClusters].filter((id) => live.has(id)));
    set({ rowsById: kept, rowIds, inboxPhase: 'ready', clusterOf, expandedClusters });
    selectId(nextSelected);
  }

  // Reloads coalesce: while one runs, any number of requests share a single follow-up reload.
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  function loadInbox(): Promise<void> {
    if (running === null) {
      running = fetchList().finally(() => { running = null; });
      return running;
    }
    queued ??= running.then(() => { queued = null; return loadInbox(); });
    return queued;
  }

  /** Bring a few changed appeals up to date in place: added if waiting, updated, or removed if decided. */
  async function patchRows(ids: readonly string[]): Promise<void> {
    const results = await Promise.all(ids.map(async (id) => ({ id, result: await deskCall('appeals.get', { id }) })));
    let { rowIds, rowsById } = get();
    const before = rowIds;
    const nextById = new Map(rowsById);
    let changed = false;
    for (const { id, result } of results) {
      const waiting = result.ok && result.value.appeal.status === 'new' && !inFlight.has(id);
      if (!result.ok && result.error.code !== 'not_found') return loadInbox(); // cannot tell: ask for everything
      const present = rowIds.includes(id);
      // A newcomer in a surge cluster, or a change to a clustered row: the core regroups the list (#6).
      if ((waiting && result.ok && result.value.clusterId && !present) || get().clusterOf.has(id)) return loadInbox();
      if (waiting && result.ok) {
        const row: InboxRow = { ...rowOf(result.value.appeal), routeDueAt: result.value.routeDueAt ?? null };
        // In urgency order a newcomer's place depends on its deadline: the core knows the order.
        if (!present && get().inboxOrder === 'urgency') return loadInbox();
        nextById.set(id, row);
        changed = true;
        if (!present) {
          const at = sortedInsertIndex(rowIds, id, Date.parse(row.receivedAt),
            (other) => Date.parse(nextById.get(other)?.receivedAt ?? ''));
          rowIds = insertAt(rowIds, id, at);
        }
      } else if (present) {
        rowIds = removeId(rowIds, id).ids;
        changed = true;
      }
    }
    if (!changed) return undefined;
    rowsById = nextById;
    const selected = reconcileSelection(before, get().selectedId, rowIds, (id) => rowIds.includes(id));
    set({ rowIds, rowsById });
    selectId(selected);
    return undefined;
  }

  // Rows for the visible window: missing ones are fetched in one call (plus a margin), concurrent asks coalesce.
  const ensureRows = createRowWindowFetcher<InboxRow>({
    ids: () => get().rowIds,
    indexOf: indexOfId,
    rows: () => get().rowsById,
    setRows: (rowsById) => set({ rowsById }),
    showAlert: (text) => get().showAlert(text),
    keep: (row) => row,
  });

  /** A collapsed cluster row: the same decision for every waiting appeal of it, one mutation each (#6). */
  async function decideCluster(id: string, size: number, decision: Decision): Promise<void> {
    const removed = removeId(get().rowIds, id);
    if (removed.index < 0) return;
    inFlight.add(id);
    set({ rowIds: removed.ids });
    selectId(selectionAfterRemoval(removed.ids, removed.index));
    // Only the members the detail pane showed: one that joined meanwhile is not decided unseen.
    const clusterId = get().clusterOf.get(id)?.clusterId;
    const memberIds = clusterId === undefined ? undefined : shownMembers(clusterId);
    const result = await deskCall('clusters.decide',
      { appealId: id, decision, ...(memberIds ? { memberIds: [...memberIds] } : {}) });
    inFlight.delete(id);
    if (result.ok) {
      const done = result.value.acks.length;
      const failed = result.value.failed.length;
      get().showNotice(`${decisionNotice(decision)} · группа: ${done} ${appealsWord(done)}`
        + (failed > 0 ? ` (${failed} уже разобраны другими)` : ''));
      return;
    }
    if (!get().rowIds.includes(id)) {
      set({ rowIds: insertAt(get().rowIds, id, removed.index) });
      selectId(id);
    }
    get().showAlert(`Решение по группе (${size}) не сохранено: ${result.error.message}`);
    void loadInbox();
  }

  function decisionNotice(decision: Decision): string {
    if (decision.type === 'reject') return `Отклонено: ${REJECT_REASON_LABELS[decision.reason]}`;
    return `Направлено: ${get().targetsById.get(decision.targetId)?.shortName ?? decision.targetId}`;
  }

  return {
    rowsById: new Map(),
    rowIds: [],
    inboxPhase: 'idle',
    selectedId: null,
    detail: null,
    loadInbox,
    inboxOrder: 'newest',
    toggleInboxOrder: () => {
      set({ inboxOrder: get().inboxOrder === 'newest' ? 'urgency' : 'newest' });
      void loadInbox();
    },
    ensureRows,
    select: selectId,
    moveBy: (delta) => {
      const { rowIds, selectedId } = get();
      selectId(moveSelection(rowIds, selectedId === null ? -1 : indexOfId(rowIds, selectedId), delta));
    },
    selectEdge: (edge) => {
      const { rowIds } = get();
      selectId((edge === 'first' ? rowIds[0] : rowIds[rowIds.length - 1]) ?? null);
    },
    decide: async (decision) => {
      const { selectedId: id, rowIds } = get();
      if (id === null) return;
      const cluster = get().clusterOf.get(id);
      if (cluster && !get().expandedClusters.has(cluster.clusterId)) return decideCluster(id, cluster.size, decision);
      const removed = removeId(rowIds, id);
      if (removed.index < 0) return;
      inFlight.add(id);
      set({ rowIds: removed.ids });
      selectId(selectionAfterRemoval(removed.ids, removed.index));
      const result = decision.type === 'route'
        ? await deskCall('appeals.route', { appealId: id, targetId: decision.targetId })
        : await deskCall('appeals.reject', { appealId: id, reason: decision.reason });
      inFlight.delete(id);
      if (result.ok) {
        get().showNotice(decisionNotice(decision));
        return;
      }
      // Refused: the appeal comes back where it was, selected, with the reason in an alert.
      if (!get().rowIds.includes(id)) {
        set({ rowIds: insertAt(get().rowIds, id, removed.index) });
        selectId(id);
      }
      get().showAlert(`Решение не сохранено: ${result.error.message}`);
      void loadInbox();
    },
    undo: async () => {
      const result = await deskCall('appeals.undo', {});
      if (!result.ok) {
        get().showAlert(result.error.message);
        return;
      }
      const { appealId, appealIds } = result.value;
      inFlight.delete(appealId);
      for (const other of appealIds ?? []) inFlight.delete(other);
      await loadInbox();
      if (get().rowIds.includes(appealId)) selectId(appealId);
      get().showNotice(appealIds && appealIds.length > 1
        ? `Решение по группе отменено: ${appealIds.length} ${appealsWord(appealIds.length)} снова в списке`
        : 'Решение отменено, обращение снова в списке');
    },
    clusterOf: new Map(),
    expandedClusters: new Set(),
    toggleCluster: () => {
      const { selectedId, clusterOf, expandedClusters } = get();
      const cluster = selectedId === null ? undefined : clusterOf.get(selectedId);
      if (!cluster) return;
      const next = new Set(expandedClusters);
      if (next.has(cluster.clusterId)) next.delete(cluster.clusterId);
      else next.add(cluster.clusterId);
      set({ expandedClusters: next });
      // Folding back while a member is selected: the face takes the selection (the core lists it first).
      void loadInbox().then(() => {
        const face = get().rowIds.find((rowId) => get().clusterOf.get(rowId)?.clusterId === cluster.clusterId);
        if (face !== undefined && !get().rowIds.includes(get().selectedId ?? '')) selectId(face);
      });
    },
    onAppealsChanged: (ids) => {
      const { selectedId } = get();
      const refresh = ids.length === 0 || ids.length > MAX_PATCHED_IDS || get().inboxPhase !== 'ready'
        ? loadInbox()
        : patchRows(ids);
      void refresh.then(() => {
        // The text or state of the open appeal may have changed too (an empty list means "anything").
        if (selectedId !== null && get().selectedId === selectedId && (ids.length === 0 || ids.includes(selectedId))) {
          void loadDetail(selectedId);
        }
      });
    },
    clearInbox: () => {
      inFlight.clear();
      set({ rowsById: new Map(), rowIds: [], inboxPhase: 'idle', selectedId: null, detail: null,
        clusterOf: new Map(), expandedClusters: new Set() });
    },
  };
};
