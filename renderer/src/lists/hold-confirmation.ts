// A decision on an appeal a colleague is reading takes the same key twice (holds are advice, never locks): the first
// press says who reads it, the second within the window decides. One rule for every list an operator decides in —
// the inbox and the search results (trial of 4 December: search routed a held appeal on one key, and the colleague
// reading it lost the race unaware) and the lead's queues (a helper's trial of 5 December: one digit re-routed an appeal
// an operator was reading).
import type { Decision } from '../../../shared/domain/appeal.js';
import type { HeldBy } from '../../../shared/desk-api/team-contract.js';
import { closedSentence, heldSentence } from '../../../shared/team/held-words.js';
import { ALERT_MIN_MS, readingTimeMs } from '../store/ui-slice.js';
import type { DecideVia } from './decidable-list-types.js';

/** What the first press asks for: the same key again, or the same choice in the dialog again. */
const AGAIN: Record<DecideVia, string> = {
  key: 'Нажмите ту же клавишу ещё раз, чтобы всё равно принять решение.',
  dialog: 'Выберите то же решение ещё раз, чтобы всё равно принять его.',
};

/**
 * The second press counts for as long as the alert asking for it stands (its reading time, ui-slice.ts): a fixed 5 s
 * window outlived by an 8–12 s alert made a press in between re-arm it silently — the same words, nothing decided (a
 * helper's trial of 5 December: «pressing again did nothing»).
 */
export class HoldConfirmation {
  private pending: { id: string; key: string; untilMs: number } | null = null;

  /**
   * Whether a decision on `id`, which `holder` reads, may go now: the same key pressed again within the window. The
   * first press is held back with the alert saying who reads it.
   */
  confirm(id: string, decision: Decision, holder: HeldBy, showAlert: (text: string) => void, via: DecideVia = 'key',
    nowMs = Date.now()): boolean {
    return this.confirmOver(id, decision, heldSentence(holder), showAlert, via, nowMs);
  }

  /**
   * The same for any selection: `id` names it (a lead's several appeals: their ids joined), `whoReads` is the sentence
   * the first press says before asking for the second.
   */
  confirmOver(id: string, decision: Decision, whoReads: string, showAlert: (text: string) => void, via: DecideVia = 'key',
    nowMs = Date.now()): boolean {
    const key = JSON.stringify(decision);
    if (this.pending?.id === id && this.pending.key === key && nowMs < this.pending.untilMs) {
      this.pending = null;
      return true;
    }
    const text = `${closedSentence(whoReads)} ${AGAIN[via]}`;
    this.pending = { id, key, untilMs: nowMs + readingTimeMs(text, ALERT_MIN_MS) };
    showAlert(text);
    return false;
  }

  /** The appeal a first press is waiting on (while its alert stands), or null. */
  pendingId(nowMs = Date.now()): string | null {
    return this.pending !== null && nowMs < this.pending.untilMs ? this.pending.id : null;
  }

  clear(): void {
    this.pending = null;
  }
}
