// What Enter, Q and W do with the selected appeal's suggestions (#13 item 7): Enter routes only to a confident
// first suggestion and otherwise opens the picker with the suggestions on top — or, on an appeal advised as no appeal
// (spam, a thank-you: routing/not-an-appeal.ts, whose rules keep quiet on anything that complains or asks), the reject
// dialog on the advised reason; Q/W route to the second/third
// only when there is one (a candidate under the floor is none). Pure, so it is unit-tested without a browser;
// the threshold and the floor are shared/routing/suggestion-confidence.ts.
import type { AppealSuggestions, RejectAdvice, TargetSuggestion } from '../../../../shared/desk-api/routing-contract.js';
import { REJECT_REASON_LABELS } from '../../../../shared/domain/appeal.js';
import { inertText } from '../../../../shared/text/inert-text.js';
import { CONFIDENT_SCORE, isConfident, offeredSuggestions } from '../../../../shared/routing/suggestion-confidence.js';

export type EnterChoice =
  | { kind: 'route'; suggestion: TargetSuggestion }
  /** Open the reject dialog on the advised reason: the message reads as no appeal (a thank-you, spam). */
  | { kind: 'reject'; advice: RejectAdvice }
  /** Open the picker: `suggestions` go on top of it (possibly none: the model has not looked yet). */
  | { kind: 'pick'; suggestions: TargetSuggestion[] };

/** The suggestions of an appeal worth offering, best first (nothing while the model has not looked). */
export function offeredFor(entry: AppealSuggestions | undefined): TargetSuggestion[] {
  return entry?.ready ? offeredSuggestions(entry.suggestions) : [];
}

/** `threshold`: the shipped one (suggestion-confidence.ts: null for now, so always the picker) unless a test says. */
export function enterChoice(entry: AppealSuggestions | undefined, threshold: number | null = CONFIDENT_SCORE): EnterChoice {
  // Advised as no appeal, Enter takes that advice, not the first target: a helper's trial of 6 December saw «Спам?»
  // in the list and Enter, Enter send the spam to «Мэрия Новосибирска · 7 %», preselected in the picker.
  if (entry?.ready && entry.reject !== null) return { kind: 'reject', advice: entry.reject };
  const offered = offeredFor(entry);
  const first = offered[0];
  return first !== undefined && isConfident(first.score, threshold)
    ? { kind: 'route', suggestion: first } : { kind: 'pick', suggestions: offered };
}

/** What the route panel says Enter does with an advice to reject: «отклонить: спам, реклама?». */
export const enterRejectText = (advice: RejectAdvice): string => `отклонить: ${REJECT_REASON_LABELS[advice.reason].toLowerCase()}?`;

/** The suggestion Q (index 1) or W (index 2) routes to, or null: then the key does nothing but say so. */
export function runnerUp(entry: AppealSuggestions | undefined, index: 1 | 2): TargetSuggestion | null {
  return offeredFor(entry)[index] ?? null;
}

/**
 * The advice to reject as the detail pane says it, short enough for its one line at 150 %: «Благодарность? спасибо»;
 * `whole` (tooltips) adds what it means: «Не обращение? Благодарность: спасибо».
 */
export function adviceText(advice: RejectAdvice, { whole = false } = {}): string {
  const words = inertText(advice.words.join(', '));
  return whole ? `Не обращение? ${REJECT_REASON_LABELS[advice.reason]}: ${words}` : `${REJECT_REASON_LABELS[advice.reason]}? ${words}`;
}

/** The grid's «Предложение» column for a thank-you or spam: a word that fits its narrowest width (150 %). */
export const ADVICE_COLUMN_LABELS: Readonly<Record<RejectAdvice['reason'], string>> = { thanks: 'Спасибо?', spam: 'Спам?' };
