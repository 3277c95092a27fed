// The shape of the one renderer store, split into slices (session, inbox, targets, sync, ui).
import type { StateCreator } from 'zustand';
import type { Conflict, InboxRow, Session, SyncStatus } from '../../../shared/desk-api/contract.js';
import type { DecidableList } from '../lists/decidable-list-types.js';
import type { ClusterInfo } from '../../../shared/desk-api/routing-contract.js';
import type { Target } from '../../../shared/domain/target.js';
import type { DeskLink } from '../../../shared/desk-api/session-contract.js';
import type { HeldBy, TeamView } from '../../../shared/desk-api/team-contract.js';
import type { SelectionHold } from './desk-hold.js';

/** 'done': an action went through (green); 'info': a key that did nothing says why (neutral). */
export type NoticeTone = 'done' | 'info';

export interface SessionSlice {
  session: Session | null;
  /** loading: asking the core who is signed in; failed: the core could not be asked at all. */
  sessionPhase: 'loading' | 'ready' | 'failed';
  sessionError: string | null;
  loginBusy: boolean;
  loginError: string | null;
  startSession(): Promise<void>;
  login(login: string, password: string): Promise<void>;
  logout(): Promise<void>;
  applySession(session: Session): void;
  /** A new desk core took over (DeskLink back up): ask it who is signed in and load everything shown again. */
  reloadFromNewCore(): Promise<void>;
}

export type { DetailState } from '../lists/decidable-list-types.js';

/** The inbox is a decidable list (selection, detail, decide, undo: lists/decidable-list.ts) over the waiting appeals. */
export interface InboxSlice extends DecidableList {
  /** Rows of the windows seen so far (not every waiting appeal); a new Map on each change. */
  rowsById: ReadonlyMap<string, InboxRow>;
  /** Ids of appeals waiting for a decision, in the core's order (newest first, or by urgency). */
  baseIds: readonly string[];
  /** What the grid shows: `baseIds` with appeals held by colleagues moved behind the free ones (#9). */
  rowIds: readonly string[];
  inboxPhase: 'idle' | 'loading' | 'ready' | 'failed';
  loadInbox(): Promise<void>;
  /** Fetches the rows of these ids (the visible window) that are not cached yet. */
  ensureRows(windowIds: readonly string[]): Promise<void>;
  onAppealsChanged(ids: readonly string[]): void;
  clearInbox(): void;
  /**
   * The operator pressed a key of the inbox that decides nothing (features/shortcuts DECIDING_ACTIONS): at work on the
   * appeal the inbox shows now, so the refusal after the selection moved by itself is over.
   */
  operatorActed(): void;
  /** newest = newest received first; urgency = nearest routing deadline first (#4a, key U). */
  inboxOrder: 'newest' | 'urgency';
  toggleInboxOrder(): void;
  /** Surge clusters (#6) of the listed ids: a collapsed cluster is one row, and a decision on it decides them all. */
  clusterOf: ReadonlyMap<string, ClusterInfo>;
  expandedClusters: ReadonlySet<string>;
  /** Expands the selected row's cluster into its members, or folds it back (key G). */
  toggleCluster(): void;
  /**
   * The rows G last unfolded (`from` its first index in rowIds, `count` of them), set once the members are listed;
   * `key` tells one unfolding from the next. The grid scrolls them into view, as many as fit (unfolded on the list's
   * last row, they all landed below the fold).
   */
  unfolded: { key: string; from: number; count: number } | null;
  /** The grid brought `key`'s rows into view: the request is spent (a grid mounted again must not replay it). */
  unfoldedShown(key: string): void;
  /** Colleagues' holds changed: the grid's order follows (the selection stays where the operator is). */
  arrangeByHolds(): void;
  /** Tell the core what this desk shows now (the inbox is on screen) or that it shows nothing (null). */
  holdSelection(shown: boolean): void;
  /**
   * Nobody at the keyboard for a while (team/use-idle-release.ts): the selection is not held, so an appeal left open
   * over lunch does not wait at the end of every colleague's list; the first key or click holds it again.
   */
  away: boolean;
  setAway(away: boolean): void;
  /**
   * Appeals that arrived above the selection, have not been on screen since and are still above the view (the
   * selection never follows the newest, so they would go unnoticed): the cue «↑ N новых выше» counts them. Newest
   * order only.
   */
  arrivedAbove: ReadonlySet<string>;
  /**
   * These rows are on screen now, in order (the grid's visible part, not its overscan): arrivals among them are seen,
   * and those below the first of them are no longer above the view.
   */
  markSeen(visibleIds: readonly string[]): void;
  /**
   * The appeal (or a cluster's face) whose decision the core last acknowledged, and how many this session did: stored
   * in the outbox, so the sync status already counts it. The status bar carries both (data-last-decided,
   * data-decided-count) for support and for tests, which wait on them before reading the pending count — the row
   * leaves the grid before the core has the decision.
   */
  lastDecided: { id: string; count: number } | null;
}

export interface TeamSlice {
  team: TeamView | null;
  /** Appeals held by colleagues (a cluster's members all listed when any is held). */
  heldByOthers: ReadonlyMap<string, HeldBy>;
  /** This desk's hold of its selection: pending until the server answers (advice; never blocks a decision). */
  selectionHold: SelectionHold | null;
  applyTeam(view: TeamView): void;
  loadTeam(): Promise<void>;
  clearTeam(): void;
}

export interface TargetsSlice {
  targets: readonly Target[];
  targetsById: ReadonlyMap<string, Target>;
  favoriteIds: readonly string[];
  loadTargets(): Promise<void>;
  refreshTargetsIfMissing(): void;
}

export interface SyncSlice {
  syncStatus: SyncStatus | null;
  /**
   * The window's link to its desk core (DeskLink): 'lost' (the status bar asks for a restart), 'restarting' (a new core
   * is on its way), 'up'. Back up after either, the page reloads what it shows from the new core.
   */
  deskLink: 'up' | 'restarting' | 'lost';
  applyDeskLink(link: DeskLink): void;
  conflicts: readonly Conflict[];
  /** The last conflict that arrived live (sync.conflict), not one loaded or put back: what a screen may announce. */
  arrivedConflict: Conflict | null;
  loadSync(): Promise<void>;
  applySyncStatus(status: SyncStatus): void;
  addConflict(conflict: Conflict): void;
  dismissConflict(id: string): Promise<void>;
  /** Works a conflict off by routing the appeal again on top of the server's decision. */
  rerouteConflict(id: string, targetId: string): Promise<void>;
}

export type DialogName = 'picker' | 'reject' | 'help' | 'sign-out' | 'photos'
  // the Ctrl+K command palette and the favourites dialog (#13 item 5)
  | 'palette' | 'favorites';

/** The sections of the app, switched with the tabs at the top (Ctrl+1…9); see app/view-registry.ts. */
export type ViewId = 'inbox' | 'conflicts' | 'queues' | 'stats' | 'search' | 'sync-log';

export interface UiSlice {
  dialog: DialogName | null;
  view: ViewId;
  /** An error the operator must see (failed decision, failed undo…); shown in a role="alert" banner. */
  alert: { seq: number; text: string } | null;
  /** A quiet line about the last key: a confirmation («Направлено: МинЖКХ НСО») or, tone 'info', why it did nothing. */
  notice: { seq: number; text: string; tone: NoticeTone } | null;
  /** Rows visible in the grid; PageUp/PageDown move by this. */
  pageSize: number;
  /** Wall clock, refreshed once a minute, so «сегодня»/«вчера» roll over at midnight. */
  nowMs: number;
  setView(view: ViewId): void;
  openDialog(name: DialogName): void;
  closeDialog(): void;
  showAlert(text: string): void;
  clearAlert(): void;
  /**
   * `since`: the seq of the alert on screen when the reporting action started (0: none) — only that alert (or an older
   * one) ends; without it, any alert ends (a notice shown in the same turn as its key). `tone` 'info': the key did
   * nothing and says why («Второго предложения нет…») — not green like a thing done, and it ends no alert.
   */
  showNotice(text: string, options?: { since?: number; tone?: NoticeTone }): void;
  setPageSize(rows: number): void;
  tick(nowMs: number): void;
}

export type DeskState = SessionSlice & InboxSlice & TargetsSlice & SyncSlice & UiSlice & TeamSlice;
export type SliceCreator<T> = StateCreator<DeskState, [], [], T>;
