// The inbox: the ids of all waiting appeals, grid rows only for what is on screen (a small cache filled per
// window), the selection, the detail of the selected appeal, and the optimistic decisions — a decided appeal
// leaves the list at once and comes back if the core refuses.
import { MAX_ROWS_PER_CALL, type InboxRow } from '../../../shared/desk-api/contract.js';
import type { Appeal, Decision } from '../../../shared/domain/appeal.js';
import { excerptOf } from '../../../shared/text/inert-text.js';
import { APPEAL_FORMS, pluralRu } from '../../../shared/text/plural-ru.js';
import { deskCall } from '../desk-client.js';
import { createRowWindowFetcher } from './row-window-fetcher.js';
import { createDecidableList, decisionNotice as noticeOf, undoLastDecision } from '../lists/decidable-list.js';
import { indexOfId, insertAt, removeId, sortedInsertIndex } from './inbox-order.js';
import { arrangeInbox, freeRowsBefore, keptSelection as keepSelection, nextFreeSelection } from '../../../shared/team/inbox-arrangement.js';
import { shortPersonName } from '../../../shared/team/person-name.js';
import { decidedWhileReadingText } from '../../../shared/team/held-words.js';
import { HoldConfirmation } from '../lists/hold-confirmation.js';
import type { InboxSlice, SliceCreator } from './state-types.js';
import type { ClusterInfo } from '../../../shared/desk-api/routing-contract.js';
import type { HeldBy } from '../../../shared/desk-api/team-contract.js';
import type { DecideVia } from '../lists/decidable-list-types.js';
import { deskDownRefusal } from '../features/sync/sync-status-text.js';
import { shownMembers } from './shown-cluster-members.js';
import { forgetHolds, holdFor, releaseFor } from './desk-hold.js';
import { rememberedSelection, rememberSelection } from './remembered-selection.js';
import { colleagueShareOf } from './offline-share-lookup.js';

// Appeals decided here whose call has not returned yet: a reload that races the call must not show them again.
const inFlight = new Set<string>();
// Appeals this desk lists again itself (an undo, a refused decision) before the next reload: no «new» arrivals.
const restored = new Set<string>();

// Up to this many changed ids are patched one by one (appeals.get each); more, or "unknown", reloads the list.
// A decision, an undo or a push touches one or a few appeals: with 100,000 waiting, a full reload for each
// would cost seconds, a patch costs a few milliseconds.
const MAX_PATCHED_IDS = 40;


/** The grid row of an appeal, built the way the core builds it for `inbox.list`. */
function rowOf(appeal: Appeal): InboxRow {
  return {
    id: appeal.id, source: appeal.source, channelName: appeal.channel.name, authorName: appeal.author.name,
    excerpt: excerptOf(appeal.text), receivedAt: appeal.receivedAt, attachmentCount: appeal.attachments.length,
    withdrawnAt: appeal.withdrawnAt ?? null,
  };
}

export const createInboxSlice: SliceCreator<InboxSlice> = (set, get) => {
  // Team mode (#9): colleagues' holds decide the order the grid shows; the core's order is kept in baseIds. With the
  // live channel down the queue is shared out among the shift (offline-share.ts): a colleague's share stands behind
  // this desk's own as a held appeal does, so the selection after a decision is never the one the colleague takes next.
  const isHeld = (id: string): boolean => get().heldByOthers.has(id)
    || colleagueShareOf(get().team, get().clusterOf, id) !== null;
  // A colleague's appeal the operator went to on purpose (End onto the held rows) keeps its place among them while it
  // is read, even once the colleague lets it go: it sorted back up to its time among the free ones, under the reader's
  // eye, to the list's third row (a helper's trial of 5 December; the grid's anchoring cannot hold a row that moves
  // above everything scrolled). It goes back to its time at the next arrangement after the operator moves on.
  const placedWithHeld = (id: string): boolean => isHeld(id) || (id === openedHeld && get().selectedId === id);
  const arranged = (base: readonly string[]): readonly string[] =>
    arrangeInbox(base, placedWithHeld, get().heldByOthers.size + (openedHeld === null ? 0 : 1) + (get().team?.offlineShare ? 1 : 0));
  // The alert on screen as an action starts: its notice, arriving after an await, ends only that one (ui-slice.ts).
  const alertSince = (): number => get().alert?.seq ?? 0;

  // The selection never changes by itself while its appeal is still listed: an operator reading it (Space paging the
  // text, the photo viewer, scrolling) presses no key the store could see, so a rule «follow the newest until the
  // operator acts» swapped the appeal under their eyes and the next Enter decided one they had not read. Appeals
  // arriving above it are kept from pushing it down the screen by the grid's anchoring (AppealGrid.tsx, QA #23 and
  // #53); with nothing selected yet (the first page, an empty inbox's first arrival) the first free row is taken.
  const keptSelection = (previous: readonly string[], selectedId: string | null, next: readonly string[],
    nextHas: (id: string) => boolean): string | null =>
    keepSelection(previous, selectedId, next, nextHas, isHeld, indexOfId);

  // Selection, detail and moves: the controller search uses too, over the ids the grid shows. Selecting asks the
  // team for a hold (while the inbox is on screen); the operator's own move drops the guards below.
  const list = createDecidableList({
    ids: () => get().rowIds,
    selectedId: () => get().selectedId,
    setSelectedId: (selectedId) => {
      if (selectedId !== get().selectedId) selectedAtMs = Date.now();
      set({ selectedId });
    },
    detail: () => get().detail,
    setDetail: (detail) => set({ detail }),
    onSelected: (id) => { if (get().view === 'inbox' && !get().away) requestHold(id); },
    clearAlert: () => get().clearAlert(),
    isHeldByOther: isHeld,
    onOperatorSelect: () => {
      confirmation.clear();
      dropMovedGuard();
    },
  });
  const { selectId, loadDetail } = list;

  // The hold of the selection (store/desk-hold.ts): asked for on every selection while the inbox is on screen; the
  // newest ask wins. After a decision the next selection's hold waits for the decision call: the core then holds the
  // decided appeal too (it is pending), so it is never free on the server between the key press and the push.
  let decisionCall: Promise<unknown> = Promise.resolve();
  /** The selection, when it was a colleague's already as the operator went to it (End onto the held rows): kept there. */
  let openedHeld: string | null = null;
  function requestHold(id: string | null): void {
    // The hold shown is the selection's own: the one of the appeal left behind goes at once, so its «mine» never
    // vouches for the next appeal (confirmedOverHold, applyTeam). One store update for a whole run of keys: the
    // moves after the first find it gone.
    const shown = get().selectionHold;
    if (shown !== null && shown.id !== id) set({ selectionHold: null });
    if (id === null) {
      void releaseFor('inbox');
      return;
    }
    rememberSelection(get().session?.user?.id, id);
    // An alert raised from here on is not about this selection's earlier keys: moveOn's notice leaves it.
    const since = alertSince();
    // Deliberately opened although marked as a colleague's: the operator stays on it.
    openedHeld = isHeld(id) ? id : null;
    void holdFor('inbox', id, {
      settled: () => decisionCall,
      show: (selectionHold) => set({ selectionHold }),
      current: () => get().selectedId === id,
      answered: ({ state, holder }) => {
        if (openedHeld !== id && (state === 'taken' || state === 'decided')) moveOn(id, holder ?? null, since);
      },
    });
  }

  /**
   * The desk landed on an appeal a colleague got to first (held, or already decided): mark it so, and select the
   * next free one in its place — N desks starting together end up on N different appeals.
   */
  function moveOn(id: string, holder: HeldBy | null, since: number): void {
    let { baseIds } = get();
    if (holder) set({ heldByOthers: new Map(get().heldByOthers).set(id, holder) });
    // Its place among the free rows, from the core's order: the colleague's hold may already have put it at the end of
    // rowIds (team.changed came before the answer), and the row «in its place» was then the oldest, at the bottom (QA).
    const place = freeRowsBefore(baseIds, id, isHeld);
    if (!holder) baseIds = removeId(baseIds, id).ids; // decided on the server; the pull on its way confirms it
    const rowIds = arranged(baseIds);
    set({ baseIds, rowIds });
    movedUnderneath();
    if (place >= 0) selectId(nextFreeSelection(rowIds, place, isHeld));
    get().showNotice(holder
      ? `${holder.deciding ? `По этому обращению уже принято решение (${shortPersonName(holder.name)})`
        : `Это обращение уже смотрит ${shortPersonName(holder.name)}`} — выбрано следующее`
      : 'Это обращение уже разобрано коллегой — выбрано следующее', { since, tone: 'info' });
  }

  /**
   * The appeal being read left the list through someone else's decision (`appeal`: the server's copy, when the change
   * brought it): said as the selection moves on. Not for this user's own decision made elsewhere (search, «Очереди»),
   * nor off the inbox; without the server's copy only when the desk knew a colleague had decided it (their mark), so a
   * regrouped list (a cluster folded) says nothing.
   */
  function toldDecidedWhileReading(id: string, appeal: Appeal | null): void {
    if (get().view !== 'inbox') return;
    const holder = get().heldByOthers.get(id);
    if (appeal === null) {
      if (holder?.deciding) get().showNotice(decidedWhileReadingText(holder, null), { tone: 'info' });
      return;
    }
    if (appeal.status === 'new' || appeal.routedBy?.id === get().session?.user?.id) return;
    const targetName = appeal.targetId === null ? null : get().targetsById.get(appeal.targetId)?.shortName ?? null;
    get().showNotice(decidedWhileReadingText(appeal.routedBy ?? holder ?? null, { status: appeal.status, targetName }),
      { tone: 'info' });
  }

  // A decision on an appeal a colleague is reading takes the same key twice (holds are advice, never locks).
  const confirmation = new HoldConfirmation();
  // When the selection moved without the operator (a colleague got there first, the appeal left the list), a key must
  // not decide the appeal that took its place unread. A key already on its way: refused for a second after the move.
  // And when the appeal replaced had been on screen a while (the operator may have been reading it): the next
  // decision key is refused once, however late (a helper's trial of 5 December: idle for minutes, a colleague took the
  // appeal on screen, and «2» a few seconds later routed the one that had taken its place, never read). Not for a
  // selection only just made (the start of a shift: N desks landing on N appeals), which nobody had read yet. The
  // operator's own move, an undo, a new session and any key of the inbox's that does not decide end it, once the second
  // for a key in flight is over (a helper's trial of 5 December: Space paging the new appeal, U, then «9» was still
  // refused, once 17 minutes after the move — every time a colleague takes an appeal, a key lost). Never a key of
  // another section or of every section: coming back to the inbox shows the new appeal, but is no look at it.
  const MOVED_GUARD_MS = 1_000;
  let movedAtMs = 0;
  let movedWhileRead = false;
  let selectedAtMs = 0;
  const movedUnderneath = (): void => {
    movedAtMs = Date.now();
    if (movedAtMs - selectedAtMs >= MOVED_GUARD_MS) movedWhileRead = true;
  };
  const dropMovedGuard = (): void => {
    movedAtMs = 0;
    movedWhileRead = false;
  };
  const again = (via: DecideVia): string => (via === 'dialog' ? 'выберите решение снова' : 'нажмите клавишу снова');
  // The operator moving the selection (list.select, onOperatorSelect above) drops both guards: a pending confirmation
  // was for the appeal they left, and a selection that had moved by itself just before is now one they chose.
  // One refusal for one move: whichever guard answers first ends both (a second read: a pending confirmation, then the
  // move, took three presses).
  function keySafe(id: string, via: DecideVia): boolean {
    const pending = confirmation.pendingId();
    if (pending !== null && pending !== id) {
      confirmation.clear();
      dropMovedGuard();
      get().showAlert('Обращение, решение по которому вы подтверждали, уже не выбрано: решение не принято. '
        + `Посмотрите выбранное и ${again(via)}.`);
      return false;
    }
    if (movedWhileRead || Date.now() - movedAtMs < MOVED_GUARD_MS) {
      dropMovedGuard();
      get().showAlert(`Выбранное обращение сменилось: решение не принято. Посмотрите его и ${again(via)}.`);
      return false;
    }
    return true;
  }
  function confirmedOverHold(id: string, decision: Decision, via: DecideVia): boolean {
    const holder = get().heldByOthers.get(id);
    const own = get().selectionHold;
    if (!holder || (own?.id === id && own.state === 'mine')) {
      confirmation.clear(); // a question left from before asks nothing now (the colleague let go)
      return true;
    }
    return confirmation.confirm(id, decision, holder, (text) => get().showAlert(text), via);
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
    const baseIds: string[] = [];
    for (const id of result.value.ids) {
      if (inFlight.has(id) || present.has(id)) continue;
      present.add(id);
      baseIds.push(id);
    }
    const rowIds = arranged(baseIds);
    // Cached rows stay valid while their appeal waits (what a row shows does not change); others are dropped.
    const { rowIds: previous, selectedId, rowsById } = get();
    // New to the list: compared only after the first page (a reload is a pass over every id anyway).
    const before = previous.length === 0 ? null : new Set(previous);
    const arrivedAbove = arrivalsAbove(previous, rowIds, selectedId, before === null ? [] : baseIds.filter((id) => !before.has(id)),
      (id) => !present.has(id));
    const kept = new Map<string, InboxRow>();
    for (const [id, row] of rowsById) if (present.has(id)) kept.set(id, row);
    // The first page after a reload: the appeal this tab had selected, if it still waits and nobody else holds it.
    const resumed = previous.length === 0 && selectedId === null ? rememberedSelection(get().session?.user?.id) : null;
    const nextSelected = resumed !== null && present.has(resumed) && !isHeld(resumed) ? resumed
      : keptSelection(previous, selectedId, rowIds, (id) => present.has(id));
    // Surge clusters (#6): which listed ids stand for several appeals; expansions of clusters now gone are dropped.
    const clusterOf = new Map<string, ClusterInfo>(Object.entries(result.value.clusters ?? {}));
    const live = new Set([...clusterOf.values()].map((c) => c.clusterId));
    const expandedClusters = new Set([...get().expandedClusters].filter((id) => live.has(id)));
    set({ rowsById: kept, baseIds, rowIds, inboxPhase: 'ready', clusterOf, expandedClusters, arrivedAbove });
    if (selectedId !== null && nextSelected !== selectedId) movedUnderneath();
    if (selectedId !== null && !present.has(selectedId) && !inFlight.has(selectedId)) toldDecidedWhileReading(selectedId, null);
    selectId(nextSelected);
  }

  /**
   * The unseen arrivals above the selection once the list is `next` (it was `previous`): those still listed (`gone`
   * says which left), plus every id `added` to the list that lands above both the selection and the previous top row
   * — a new post is the newest. Not counted: an older appeal that comes in below (it comes into view as the operator
   * works down), one listed again (an undo, a refused decision: `restored`), a member of a duplicate pair left on its
   * own when a colleague decided the other (it lands where its received time puts it, under the previous top), and
   * any in urgency order (a newcomer's place there is its deadline). The first page is no arrival, nor is anything
   * while nothing is selected (the first row is taken then). One pass over the rows above the selection at most.
   */
  function arrivalsAbove(previous: readonly string[], next: readonly string[], selectedId: string | null,
    added: readonly string[], gone: (id: string) => boolean): ReadonlySet<string> {
    const arrived = get().arrivedAbove;
    const out = new Set([...arrived].filter((id) => !gone(id) && !restored.has(id)));
    const fresh = new Set(added.filter((id) => !restored.has(id)));
    if (fresh.size > 0 && selectedId !== null && previous.length > 0 && get().inboxOrder === 'newest') {
      const previousTop = previous[0];
      for (const id of next) {
        if (id === selectedId || id === previousTop) break;
        if (fresh.has(id)) out.add(id);
      }
    }
    restored.clear();
    return out.size === arrived.size && [...out].every((id) => arrived.has(id)) ? arrived : out;
  }

  /**
   * The arrivals still above the view whose first row on screen is `topId`; null when that row is not listed (a report
   * from a grid about to show the next list). Those on screen are seen; those below it are no longer «above» either:
   * the view passed above them (Home onto more arrivals than a screen holds) and the operator meets them working down.
   * Counting only the rows on screen as seen left «↑ 11 новых» on the first row at scrollTop 0 (user trial). One a
   * colleague holds sits at the end of the list (holds) and is kept: it is back above the view once they let it go.
   * The pass over the rows above the view stops once every arrival is found: they are near the top.
   */
  function arrivalsAboveRow(topId: string): ReadonlySet<string> | null {
    const { arrivedAbove: arrived, rowIds } = get();
    const above = new Set<string>();
    for (const id of arrived) if (isHeld(id)) above.add(id);
    let found = above.size;
    for (const id of rowIds) {
      if (id === topId) return above;
      if (found === arrived.size) return above;
      if (arrived.has(id) && !above.has(id)) {
        above.add(id);
        found++;
      }
    }
    return null;
  }

  // Reloads coalesce: while one runs, any number of requests share a single follow-up reload.
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  /** Counts G's unfoldings, so unfolding the same cluster again is news to the grid. */
  let unfoldSeq = 0;
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
    let { baseIds, rowsById } = get();
    const before = get().rowIds;
    const nextById = new Map(rowsById);
    let changed = false;
    const inserted: string[] = [];
    const removed = new Set<string>();
    for (const { id, result } of results) {
      const waiting = result.ok && result.value.appeal.status === 'new' && !inFlight.has(id);
      if (!result.ok && result.error.code !== 'not_found') return loadInbox().then(() => refreshRows(ids)); // cannot tell: ask for everything
      const present = baseIds.includes(id);
      // A newcomer in a surge cluster, or a change to a clustered row: the core regroups the list (#6).
      if ((waiting && result.ok && result.value.clusterId && !present) || get().clusterOf.has(id)) return loadInbox().then(() => refreshRows(ids));
      if (waiting && result.ok) {
        const row: InboxRow = { ...rowOf(result.value.appeal), routeDueAt: result.value.routeDueAt ?? null };
        // In urgency order a newcomer's place depends on its deadline: the core knows the order.
        if (!present && get().inboxOrder === 'urgency') return loadInbox().then(() => refreshRows(ids));
        nextById.set(id, row);
        changed = true;
        if (!present) {
          const at = sortedInsertIndex(baseIds, id, Date.parse(row.receivedAt),
            (other) => Date.parse(nextById.get(other)?.receivedAt ?? ''));
          baseIds = insertAt(baseIds, id, at);
          inserted.push(id);
        }
      } else if (present) {
        baseIds = removeId(baseIds, id).ids;
        removed.add(id);
        changed = true;
      }
    }
    if (!changed) return undefined;
    rowsById = nextById;
    const rowIds = arranged(baseIds);
    const reading = get().selectedId;
    const selected = keptSelection(before, reading, rowIds, (id) => rowIds.includes(id));
    if (reading !== null && selected !== reading) movedUnderneath();
    if (reading !== null && removed.has(reading)) {
      const left = results.find((r) => r.id === reading)?.result;
      toldDecidedWhileReading(reading, left?.ok ? left.value.appeal : null);
    }
    const arrivedAbove = arrivalsAbove(before, rowIds, get().selectedId, inserted, (id) => removed.has(id));
    set({ baseIds, rowIds, rowsById, arrivedAbove });
    selectId(selected);
    return undefined;
  }

  /**
   * A waiting appeal's row can change too (an edit, withdrawn by its author: issue 14 item 6): after a reload, rows
   * already held for changed ids (all of them for "many") are fetched again and replaced in place, no blank rows.
   */
  async function refreshRows(ids: readonly string[]): Promise<void> {
    const held = get().rowsById;
    const stale = (ids.length === 0 ? [...held.keys()] : ids.filter((id) => held.has(id))).slice(0, MAX_ROWS_PER_CALL);
    if (stale.length === 0) return;
    const result = await deskCall('appeals.rows', { ids: stale });
    if (!result.ok) return;
    const next = new Map(get().rowsById);
    for (const row of result.value.rows) if (next.has(row.id)) next.set(row.id, row);
    set({ rowsById: next });
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

  const acknowledged = (id: string) => set({ lastDecided: { id, count: (get().lastDecided?.count ?? 0) + 1 } });

  /** A collapsed cluster row: the same decision for every waiting appeal of it, one mutation each (#6). */
  async function decideCluster(id: string, size: number, decision: Decision, since: number): Promise<void> {
    // Only the members the detail pane showed: one that joined meanwhile is not decided unseen.
    const clusterId = get().clusterOf.get(id)?.clusterId;
    const memberIds = clusterId === undefined ? undefined : shownMembers(clusterId);
    const removed = takeOut(id, () => deskCall('clusters.decide',
      { appealId: id, decision, ...(memberIds ? { memberIds: [...memberIds] } : {}) }));
    if (removed === null) return;
    const result = await removed.done;
    inFlight.delete(id);
    if (result.ok) {
      acknowledged(id);
      const done = result.value.acks.length;
      const failed = result.value.failed.length;
      get().showNotice(`${decisionNotice(decision)} · группа: ${done} ${pluralRu(done, APPEAL_FORMS)}`
        + (failed > 0 ? ` (уже разобраны другими: ${failed})` : ''), { since });
      return;
    }
    putBack(id, removed.baseIndex);
    get().showAlert(`Решение по группе (${size}) не сохранено: ${result.error.message}`);
    void loadInbox();
  }

  /**
   * A decided appeal leaves the list at once and the next free one takes the selection, while `call` stores the
   * decision (the next hold waits for it). Null when the appeal is not listed.
   */
  function takeOut<T>(id: string, call: () => Promise<T>): { baseIndex: number; done: Promise<T> } | null {
    const index = indexOfId(get().rowIds, id);
    const removed = removeId(get().baseIds, id);
    if (index < 0 || removed.index < 0) return null;
    inFlight.add(id);
    const rowIds = arranged(removed.ids);
    set({ baseIds: removed.ids, rowIds });
    const done = call();
    decisionCall = done;
    selectId(nextFreeSelection(rowIds, index, isHeld));
    return { baseIndex: removed.index, done };
  }

  /** Refused: the appeal comes back where it was, selected. */
  function putBack(id: string, baseIndex: number): void {
    restored.add(id);
    if (get().baseIds.includes(id)) return;
    const baseIds = insertAt(get().baseIds, id, baseIndex);
    set({ baseIds, rowIds: arranged(baseIds) });
    selectId(id);
  }

  const decisionNotice = (decision: Decision): string =>
    noticeOf(decision, (id) => get().targetsById.get(id)?.shortName);

  return {
    rowsById: new Map(),
    baseIds: [],
    rowIds: [],
    inboxPhase: 'idle',
    selectedId: null,
    detail: null,
    loadInbox,
    arrivedAbove: new Set(),
    lastDecided: null,
    markSeen: (visibleIds) => {
      const arrived = get().arrivedAbove;
      const top = visibleIds[0];
      if (arrived.size === 0 || top === undefined) return;
      const above = arrivalsAboveRow(top);
      if (above !== null && above.size !== arrived.size) set({ arrivedAbove: above });
    },
    inboxOrder: 'newest',
    toggleInboxOrder: () => {
      set({ inboxOrder: get().inboxOrder === 'newest' ? 'urgency' : 'newest', arrivedAbove: new Set() });
      void loadInbox();
    },
    ensureRows,
    select: list.select,
    moveBy: list.moveBy,
    selectEdge: list.selectEdge,
    decide: async (decision, via = 'key') => {
      const { selectedId: id } = get();
      if (id === null) return;
      const down = deskDownRefusal(get().deskLink);
      if (down !== null) { get().showAlert(down); return; }
      if (!keySafe(id, via) || !confirmedOverHold(id, decision, via)) return;
      const since = alertSince();
      const cluster = get().clusterOf.get(id);
      if (cluster && !get().expandedClusters.has(cluster.clusterId)) return decideCluster(id, cluster.size, decision, since);
      const removed = takeOut(id, () => (decision.type === 'route'
        ? deskCall('appeals.route', { appealId: id, targetId: decision.targetId })
        : deskCall('appeals.reject', { appealId: id, reason: decision.reason })));
      if (removed === null) return;
      const result = await removed.done;
      inFlight.delete(id);
      if (result.ok) {
        acknowledged(id);
        get().showNotice(decisionNotice(decision), { since });
        return;
      }
      // Refused: the appeal comes back where it was, selected, with the reason in an alert.
      putBack(id, removed.baseIndex);
      get().showAlert(`Решение не сохранено: ${result.error.message}`);
      void loadInbox();
    },
    undo: async () => {
      dropMovedGuard(); // the appeal it brings back is one the operator read and decided
      const since = alertSince();
      // What the toast offered: a cluster is «группа», a lead's selection of several is only a count (as the toast);
      // a lead's re-route taken back leaves the appeals where the server has them, so no «снова в списке».
      const batch = get().syncStatus?.undoable?.batch ?? null;
      const offered = get().syncStatus?.undoable;
      const redecision = offered?.redecision ?? false;
      const retaken = offered?.decision.type === 'reject' ? 'Отклонение отменено' : 'Перенаправление отменено';
      const kept = offered?.decision.type === 'reject' ? 'решение прежнее' : 'адресат прежний';
      const undone = await undoLastDecision((text) => get().showAlert(text));
      if (undone === null) return;
      const { appealId, appealIds } = undone;
      for (const id of [appealId, ...(appealIds ?? [])]) restored.add(id);
      inFlight.delete(appealId);
      for (const other of appealIds ?? []) inFlight.delete(other);
      await loadInbox();
      if (get().rowIds.includes(appealId)) selectId(appealId);
      const count = appealIds?.length ?? 1;
      get().showNotice(redecision
        ? `${retaken}${count > 1 ? `: ${count} ${pluralRu(count, APPEAL_FORMS)}` : ''}, ${kept}`
        : count <= 1 ? 'Решение отменено, обращение снова в списке'
          : `Решение ${batch === 'cluster' ? 'по группе ' : ''}отменено: ${count} ${pluralRu(count, APPEAL_FORMS)} снова в списке`,
      { since });
    },
    clusterOf: new Map(),
    expandedClusters: new Set(),
    toggleCluster: () => {
      const { selectedId, clusterOf, expandedClusters } = get();
      const cluster = selectedId === null ? undefined : clusterOf.get(selectedId);
      if (!cluster) return;
      const next = new Set(expandedClusters);
      const folding = next.has(cluster.clusterId);
      if (folding) next.delete(cluster.clusterId);
      else next.add(cluster.clusterId);
      // Folding back while a member is selected: the face (the core lists it first) takes the selection before the
      // list reloads — after, the member's row was gone and the selection had already slid onto the next appeal, one
      // digit away from routing it (trial).
      const faceOf = (): string | undefined => get().rowIds.find((rowId) => get().clusterOf.get(rowId)?.clusterId === cluster.clusterId);
      const face = folding ? faceOf() : undefined;
      if (face !== undefined && face !== selectedId) selectId(face);
      set({ expandedClusters: next, ...(folding ? { unfolded: null } : {}) });
      void loadInbox().then(() => {
        const faceNow = faceOf();
        if (faceNow !== undefined && !get().rowIds.includes(get().selectedId ?? '')) selectId(faceNow);
        // Unfolding: say which rows G listed, so the grid can bring them into view once (trial: on the list's last
        // row they landed below the fold with nothing showing what G did).
        if (!folding && get().expandedClusters.has(cluster.clusterId)) {
          const { rowIds, clusterOf: listed } = get();
          const inCluster = (id: string | undefined) => id !== undefined && listed.get(id)?.clusterId === cluster.clusterId;
          const from = rowIds.findIndex(inCluster);
          let count = 0;
          while (from >= 0 && inCluster(rowIds[from + count])) count++;
          if (from >= 0) set({ unfolded: { key: `${cluster.clusterId}#${++unfoldSeq}`, from, count } });
        }
      });
    },
    unfolded: null,
    unfoldedShown: (key) => { if (get().unfolded?.key === key) set({ unfolded: null }); },
    onAppealsChanged: (ids) => {
      list.forgetDetails(ids);
      const { selectedId } = get();
      const refresh = ids.length === 0 || ids.length > MAX_PATCHED_IDS || get().inboxPhase !== 'ready'
        ? loadInbox().then(() => refreshRows(ids))
        : patchRows(ids);
      void refresh.then(() => {
        // The text or state of the open appeal may have changed too (an empty list means "anything").
        if (selectedId !== null && get().selectedId === selectedId && (ids.length === 0 || ids.includes(selectedId))) {
          void loadDetail(selectedId);
        }
      });
    },
    operatorActed: () => {
      if (movedWhileRead && Date.now() - movedAtMs >= MOVED_GUARD_MS) movedWhileRead = false;
    },
    clearInbox: () => {
      list.forgetDetails([]); // no citizen text outlives the session
      dropMovedGuard();
      confirmation.clear();
      inFlight.clear();
      forgetHolds();
      set({ rowsById: new Map(), baseIds: [], rowIds: [], inboxPhase: 'idle', selectedId: null, detail: null,
        clusterOf: new Map(), expandedClusters: new Set(), unfolded: null, arrivedAbove: new Set(), lastDecided: null });
    },
    arrangeByHolds: () => {
      const { selectedId: id, selectionHold: own, view } = get();
      const holder = id === null ? undefined : get().heldByOthers.get(id);
      // A colleague got to the selection first while this desk's own hold was still to be asked or answered (two desks
      // opening together land on the same newest appeal): move on now, rather than follow it to the held rows at the
      // end of the list; the answer («taken») then finds the selection moved and is dropped.
      if (id !== null && holder !== undefined && view === 'inbox' && openedHeld !== id
        && (own === null || own.id !== id || own.state === 'pending')) {
        moveOn(id, holder, alertSince());
        return;
      }
      set({ rowIds: arranged(get().baseIds) });
    },
    holdSelection: (shown) => requestHold(shown && !get().away ? get().selectedId : null),
    away: false,
    setAway: (away) => {
      if (get().away === away) return;
      set({ away });
      // Only the inbox's own hold (holdSelection reads `away`): off the inbox this desk holds nothing of the inbox's,
      // and the search results look after theirs (features/search/search-hold.ts) — a release sent from here undid that.
      if (get().view === 'inbox') get().holdSelection(true);
    },
  };
};
