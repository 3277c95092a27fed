// A decision on an appeal a colleague is reading takes the same key twice (holds are advice, never locks): the first
// press says who reads it, the second within the window decides. One rule for every list an operator decides in —
// the inbox and the search results (trial of 4 December: search routed a held appeal on one key, and the colleague
// reading it lost the race unaware) and the lead's queues (a helper's trial of 5 December: one digit re-routed an appeal
// an operator was reading).
import type { Decision } from '../../../shared/domain/appeal.js';
import type { HeldBy } from '../../../shared/desk-api/team-contract.js';
import { closedSentence, heldSentence } from '../../../shared/team/held-words.js';

export const CONFIRM_WINDOW_MS = 5_000;

export class HoldConfirmation {
  private pending: { id: string; key: string; atMs: number } | null = null;

  /**
   * Whether a decision on `id`, which `holder` reads, may go now: the same key pressed again within the window. The
   * first press is held back with the alert saying who reads it.
   */
  confirm(id: string, decision: Decision, holder: HeldBy, showAlert: (text: string) => void, nowMs = Date.now()): boolean {
    return this.confirmOver(id, decision, heldSentence(holder), showAlert, nowMs);
  }

  /**
   * The same for any selection: `id` names it (a lead's several appeals: their ids joined), `whoReads` is the sentence
   * the first press says before asking for the second.
   */
  confirmOver(id: string, decision: Decision, whoReads: string, showAlert: (text: string) => void, nowMs = Date.now()): boolean {
    const key = JSON.stringify(decision);
    if (this.pending?.id === id && this.pending.key === key && nowMs - this.pending.atMs < CONFIRM_WINDOW_MS) {
      this.pending = null;
      return true;
    }
    this.pending = { id, key, atMs: nowMs };
    showAlert(`${closedSentence(whoReads)} Нажмите ту же клавишу ещё раз, чтобы всё равно принять решение.`);
    return false;
  }

  /** The appeal a first press is waiting on (within the window), or null. */
  pendingId(nowMs = Date.now()): string | null {
    return this.pending !== null && nowMs - this.pending.atMs < CONFIRM_WINDOW_MS ? this.pending.id : null;
  }

  clear(): void {
    this.pending = null;
  }
}
