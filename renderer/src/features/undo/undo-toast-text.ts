// The words and numbers of the undo toast (#13), pure so they are tested without a page: what was decided, about
// which appeal, and how much of the undo window is left. Whether there is a toast at all is the core's answer
// (sync status `undoable`), never these numbers.
import type { UndoableDecision } from '../../../../shared/desk-api/sync-contract.js';
import { APPEAL_FORMS, countRu } from '../../../../shared/text/plural-ru.js';
import { decisionNotice } from '../../lists/decidable-list.js';

/** The excerpt as the toast shows it: one line, at most `max` characters (the core's excerpt is already inert). */
export function toastExcerpt(excerpt: string, max = 90): string {
  const line = excerpt.replace(/\s+/g, ' ').trim();
  if (line === '') return 'Обращение без текста';
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** «Направлено: Минздрав» / «Отклонено: Спам, реклама», and for a surge cluster «… · группа, 5 обращений». */
export function toastDecisionText(undoable: UndoableDecision, targetName: (id: string) => string | undefined): string {
  const text = decisionNotice(undoable.decision, targetName);
  const count = undoable.appealIds.length;
  return count > 1 ? `${text} · группа, ${countRu(count, APPEAL_FORMS)}` : text;
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
