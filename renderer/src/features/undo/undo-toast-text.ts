// The words and numbers of the undo toast (#13), pure so they are tested without a page: what was decided, about
// which appeal, and how much of the undo window is left. Whether there is a toast at all is the core's answer
// (sync status `undoable`), never these numbers.
import type { UndoableDecision } from '../../../../shared/desk-api/sync-contract.js';
import { batchNotice, decisionNotice } from '../../lists/decidable-list.js';

/** The excerpt as the toast shows it: one line, at most `max` characters (the core's excerpt is already inert). */
export function toastExcerpt(excerpt: string, max = 90): string {
  const line = excerpt.replace(/\s+/g, ' ').trim();
  if (line === '') return 'Обращение без текста';
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/**
 * «Направлено: Минздрав» / «Отклонено: Спам, реклама»; «Перенаправлено: …» when it replaces a decision the server holds;
 * a lead's selection «… · 2 обращения», a surge cluster «… · группа, 5 обращений».
 */
export function toastDecisionText(undoable: UndoableDecision, targetName: (id: string) => string | undefined): string {
  return batchNotice(decisionNotice(undoable.decision, targetName, undoable.redecision), undoable.appealIds.length,
    undoable.batch);
}

export interface Countdown {
  /** Whole seconds left, rounded up (7 right after the decision, 0 once the grace is over). */
  seconds: number;
  /** Share of the window left, 1 → 0, for the bar. */
  fraction: number;
}

export function countdown(undoable: Pick<UndoableDecision, 'sendAt' | 'windowMs'>, nowMs: number): Countdown {
  const leftMs = Math.max(0, Date.parse(undoable.sendAt) - nowMs);
  const window = Math.max(1, undoable.windowMs);
  return { seconds: Math.ceil(leftMs / 1000), fraction: Math.min(1, leftMs / window) };
}

/** What carries the decision on from here: the network, or the desk's own program (gone: nothing is sent or undone). */
export type ToastLink = 'online' | 'offline' | 'desk-down';

/**
 * The countdown's words: the seconds left; at 0, «отправляется…» while the desk is online, «ждёт связи» while it is
 * not (a trial of 5 December: offline the toast said «отправляется…» for minutes though nothing could go; the decision
 * is kept, and Ctrl+Z still takes it back until it is sent). With the desk's program gone nothing counts down: the
 * decision is saved and waits for the program (a helper's trial of 5 December: the seconds ran on under «Программа не
 * отвечает», and Ctrl+Z, which that state refuses, stood offered).
 */
export function countdownWords(seconds: number, link: ToastLink): string {
  if (link === 'desk-down') return 'сохранено';
  if (seconds > 0) return `${seconds} с`;
  return link === 'offline' ? 'ждёт связи' : 'отправляется…';
}
