// One controller for a grid of appeals the operator decides on — the inbox and the search results: the selection
// and how keys move it, the selected appeal's detail (loaded after the selection is painted), the undo call and the
// words shown after a decision. Each list brings its own ids and its own way of showing a decision (the inbox takes
// the row out, search marks it in place); everything else is here once.
import { REJECT_REASON_LABELS, type Decision } from '../../../shared/domain/appeal.js';
import type { DeskOutput } from '../../../shared/desk-api/contract.js';
import type { DecisionBatch } from '../../../shared/desk-api/sync-contract.js';
import { APPEAL_FORMS, countRu } from '../../../shared/text/plural-ru.js';
import { deskCall } from '../desk-client.js';
import { createDetailLoader } from '../store/detail-loader.js';
import { indexOfId, moveSelection } from '../store/inbox-order.js';
import type { DecidableList, DetailState } from './decidable-list-types.js';
import type { ShortcutMatch } from '../features/shortcuts/shortcut-table.js';

export type { DecidableList, DetailState } from './decidable-list-types.js';

/** Where a list keeps its ids, its selection and its detail (a zustand store or slice). */
export interface DecidableListSource {
  /** The ids the grid shows, in its order. */
  ids(): readonly string[];
  selectedId(): string | null;
  setSelectedId(id: string | null): void;
  detail(): DetailState | null;
  setDetail(detail: DetailState | null): void;
  /** After the selection changed (the inbox asks the team for a hold on it). */
  onSelected?(id: string | null): void;
  /** Before the operator moves the selection by hand (the inbox forgets a pending confirmation). */
  onOperatorSelect?(): void;
  /** Ends the alert on screen (the desk's status line: ui-slice.ts). */
  clearAlert(): void;
  /**
   * A colleague reads this one (the inbox): such rows sit after the free ones, so `End` — «the oldest appeal» — goes
   * to the last free row, as `Home` goes to the first; it landed on a colleague's, then jumped when they moved on.
   */
  isHeldByOther?(id: string): boolean;
}

export interface DecidableListController {
  /** Select without the operator (the list changed, a decision moved on). */
  selectId(id: string | null): void;
  /** Select as the operator. */
  select(id: string | null): void;
  moveBy(delta: number): void;
  selectEdge(edge: 'first' | 'last'): void;
  /** (Re)load the detail of `id` if it is still the selection when the answer comes. */
  loadDetail(id: string | null): Promise<void>;
  /** The core says these appeals changed (all when empty): details fetched ahead for them are dropped. */
  forgetDetails(ids: readonly string[]): void;
}

export function createDecidableList(source: DecidableListSource): DecidableListController {
  const detail = createDetailLoader({
    selectedId: source.selectedId,
    detail: source.detail,
    setDetail: source.setDetail,
  });

  /** `direction`: where the operator is heading, so the row after the new selection that way is fetched ahead. */
  function selectId(id: string | null, direction: 1 | -1 = 1): void {
    if (source.selectedId() === id) return;
    source.setSelectedId(id);
    let ahead: string | null = null;
    if (id !== null) {
      const ids = source.ids();
      const index = indexOfId(ids, id);
      ahead = index < 0 ? null : ids[index + direction] ?? null;
    }
    void detail.show(id, ahead);
    source.onSelected?.(id);
  }

  function select(id: string | null, direction: 1 | -1 = 1): void {
    // An alert answers one key: the operator moving the selection (keys or mouse) has moved on from it.
    source.clearAlert();
    source.onOperatorSelect?.();
    selectId(id, direction);
  }

  return {
    selectId: (id) => selectId(id),
    select: (id) => select(id),
    moveBy: (delta) => {
      const ids = source.ids();
      const selected = source.selectedId();
      select(moveSelection(ids, selected === null ? -1 : indexOfId(ids, selected), delta), delta < 0 ? -1 : 1);
    },
    selectEdge: (edge) => {
      const ids = source.ids();
      if (edge === 'first') return select(ids[0] ?? null);
      let last = ids.length - 1;
      while (last > 0 && source.isHeldByOther?.(ids[last]!) === true) last -= 1;
      select(ids[last] ?? null);
    },
    loadDetail: detail.reload,
    forgetDetails: detail.forget,
  };
}

/**
 * «Направлено: ЖКХ» / «Отклонено: спам» — the status-bar notice after a decision was stored, and the undo toast's line.
 * `redecision`: it replaces a routing or rejection the server already holds (a lead's re-route), «Перенаправлено: ЖКХ».
 */
export function decisionNotice(decision: Decision, targetName: (id: string) => string | undefined, redecision = false): string {
  if (decision.type === 'reject') return `Отклонено: ${REJECT_REASON_LABELS[decision.reason]}`;
  return `${redecision ? 'Перенаправлено' : 'Направлено'}: ${targetName(decision.targetId) ?? decision.targetId}`;
}

/**
 * One decision for several appeals: «Перенаправлено: ЖКХ · 2 обращения»; a surge cluster's «… · группа, 5 обращений»
 * («группа» is the cluster's word, never a selection's).
 */
export function batchNotice(notice: string, count: number, batch: DecisionBatch | null): string {
  if (count <= 1) return notice;
  return `${notice} · ${batch === 'cluster' ? 'группа, ' : ''}${countRu(count, APPEAL_FORMS)}`;
}

/** Asks the core to undo the last decision; on refusal shows why and gives null. */
export async function undoLastDecision(showAlert: (text: string) => void): Promise<DeskOutput<'appeals.undo'> | null> {
  const result = await deskCall('appeals.undo', {});
  if (result.ok) return result.value;
  showAlert(result.error.message);
  return null;
}

/** A decidable list as its keys see it: the list itself, its page size and the dialogs it opens. */
export interface ListKeyTarget extends Pick<DecidableList, 'selectedId' | 'moveBy' | 'selectEdge' | 'decide'> {
  pageSize: number;
  openDialog(dialog: 'picker' | 'reject'): void;
}

/** The desk-wide things a list key needs: the favourite targets by slot, and where refusals are shown. */
export interface ListKeyDesk {
  favoriteIds: readonly string[];
  showAlert(text: string): void;
}

/**
 * The keys every decidable list shares: moves, favourites by slot, picker, reject (undo is global, use-global-keys.ts). Handles one and says true;
 * false when the action is not one of them (the list's own handler takes it).
 */
export function handleListKey({ shortcut, digit }: ShortcutMatch, list: ListKeyTarget, desk: ListKeyDesk): boolean {
  switch (shortcut.action) {
    case 'move-down': list.moveBy(1); return true;
    case 'move-up': list.moveBy(-1); return true;
    case 'page-down': list.moveBy(list.pageSize); return true;
    case 'page-up': list.moveBy(-list.pageSize); return true;
    case 'first': list.selectEdge('first'); return true;
    case 'last': list.selectEdge('last'); return true;
    case 'route-favorite': {
      if (list.selectedId === null || digit === null) return true;
      const targetId = desk.favoriteIds[digit - 1];
      // '' is a slot cleared between chosen ones (#13 item 5).
      if (targetId === undefined || targetId === '') desk.showAlert(`За клавишей ${digit} не закреплён адресат.`);
      else void list.decide({ type: 'route', targetId });
      return true;
    }
    case 'open-picker': if (list.selectedId !== null) list.openDialog('picker'); return true;
    case 'open-reject': if (list.selectedId !== null) list.openDialog('reject'); return true;
    default: return false;
  }
}
