// What the team bench's desks record during a scenario, in one shape for the headless desks (child processes) and
// the renderer-driven ones (Playwright): every time is epoch milliseconds (Date.now(), one clock on one machine, the
// same clock the reference server stamps `routedAt` and hold `since` with).

/** One read: an operator's desk showed an appeal it held (or could not ask about) and the operator read it. */
export interface ReadRecord {
  appealId: string;
  /** The hold answer that started the read: mine / offline (headless), or the row's data-hold (renderer; null before it exists). */
  hold: string | null;
  startedAt: number;
  endedAt: number;
  /**
   * routed: the operator decided it; gone: it had left the desk's inbox before the decision (a colleague decided
   * it); refused: the desk refused the decision (already decided locally by the time of the key or call).
   */
  outcome: 'routed' | 'gone' | 'refused';
  /** Appeals the decision covered (a folded surge cluster decides all its waiting members). */
  decidedIds: string[];
  /** Where the row stood in the desk's arranged inbox when it was selected (0 = first). */
  index: number;
}

/** A hold request the simulated operator made and what the desk answered. */
export interface HoldAttempt {
  appealId: string;
  at: number;
  state: string;
  holderId?: string;
  /** auto: the desk selected it itself (first free / next free), idle: everything was held. */
  reason: 'auto' | 'idle';
}

/** The first moment this desk's team view listed an appeal as held by a colleague (one per holder and hold start). */
export interface HoldSeen {
  appealId: string;
  holderId: string;
  since: string;
  at: number;
}

/** The moment this desk's inbox stopped listing an appeal it had listed. */
export interface GoneSeen {
  appealId: string;
  at: number;
}

export interface ConflictSeen {
  appealId: string;
  at: number;
  /** Who the server says decided it. */
  serverRoutedBy: string | null;
}

export interface DeskLog {
  desk: string;
  userId: string;
  kind: 'headless' | 'renderer';
  reads: ReadRecord[];
  holds: HoldAttempt[];
  holdSeen: HoldSeen[];
  /** From the core (appeals.changed + the local cache): every desk. */
  gone: GoneSeen[];
  /** From the grid (renderer desks only): when the page received the answer that dropped the row from its list. */
  gridGone: GoneSeen[];
  /** Rows the renderer desk's grid listed at some moment (renderer desks only). */
  gridListed: string[];
  /** Appeals this desk listed at some moment (the decision-to-gone figure counts only desks that listed it). */
  listed: string[];
  conflicts: ConflictSeen[];
  /** conflicts.list at the end of the run. */
  conflictsListed: number;
  /** Live channel state at start and at the end. */
  liveAtStart: string;
  liveAtEnd: string;
  /** Reads interrupted by the end of the scenario (not counted). */
  abandoned: number;
  notes: string[];
}

export function emptyLog(desk: string, userId: string, kind: DeskLog['kind']): DeskLog {
  return {
    desk, userId, kind, reads: [], holds: [], holdSeen: [], gone: [], gridGone: [], gridListed: [], listed: [], conflicts: [],
    conflictsListed: 0, liveAtStart: 'off', liveAtEnd: 'off', abandoned: 0, notes: [],
  };
}

/** Reading time: uniform in [min, max] ms. */
export interface ReadTiming { minMs: number; maxMs: number }

/** Coordinator ↔ headless desk process messages. */
export type ToOperator =
  | { type: 'init'; desk: string; apiUrl: string; dataDir: string; login: string; expectWaiting: number; seed: number;
      read: ReadTiming; order: 'newest' | 'urgency' }
  | { type: 'start'; at: number }
  | { type: 'stop' }
  | { type: 'drain' }
  | { type: 'collect' }
  | { type: 'close' };

export type FromOperator =
  | { type: 'ready'; userId: string; waiting: number; live: string }
  | { type: 'stopped' }
  | { type: 'drained' }
  | { type: 'log'; log: DeskLog }
  | { type: 'closed' }
  | { type: 'error'; message: string };
