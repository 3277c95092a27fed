// Desk API for routing suggestions (issue 6): ranked targets with reasons per waiting appeal and the place found
// in the text. Spread into DESK_METHODS / DESK_EVENTS in contract.ts. Surge clusters have their own table.
import { z } from 'zod';
import { RejectReason } from '../domain/appeal.js';
import { Identifier } from '../domain/identifier.js';
import type { MethodTable } from './method-table.js';

// The cluster shapes lived here before clusters-contract.ts; still exported from here for existing importers.
export { ClusterDecisionResult, ClusterInfo, ClusterMember } from './clusters-contract.js';

export const TargetSuggestion = z.object({
  targetId: z.string(),
  name: z.string(),
  score: z.number().min(0).max(1),
  /**
   * Short Russian reason a person can check: «слова: поликлиника, талон» / «место: Линёво → Искитимский район» /
   * «страница: Администрация Колыванского района → Колыванский район» (the page written on, when the text names no place).
   */
  reason: z.string(),
});
export type TargetSuggestion = z.infer<typeof TargetSuggestion>;

export const DetectedPlace = z.object({ name: z.string(), text: z.string(), targetId: z.string() });
export type DetectedPlace = z.infer<typeof DetectedPlace>;

/**
 * Advice that the message is no appeal at all (a thank-you, spam): the reject dialog (X) starts on this reason, and the
 * words that gave it away let a person check it. Advice only: the targets are still suggested beside it.
 */
export const RejectAdvice = z.object({ reason: RejectReason.extract(['thanks', 'spam']), words: z.array(z.string()).max(3) });
export type RejectAdvice = z.infer<typeof RejectAdvice>;

export const AppealSuggestions = z.object({
  appealId: z.string(),
  /** Best first, at most three; empty while the model has not looked at this appeal yet. */
  suggestions: z.array(TargetSuggestion).max(3),
  place: DetectedPlace.nullable(),
  reject: RejectAdvice.nullable(),
  ready: z.boolean(),
});
export type AppealSuggestions = z.infer<typeof AppealSuggestions>;

const AppealId = Identifier;

export const ROUTING_METHODS = {
  'suggestions.get': { input: z.object({ appealId: AppealId }).strict(), output: AppealSuggestions },
  /** Suggestions for the rows on screen (the grid asks for its visible window). */
  'suggestions.forIds': {
    input: z.object({ ids: z.array(AppealId).max(1000) }).strict(),
    output: z.object({ items: z.array(AppealSuggestions) }),
  },
} as const satisfies MethodTable;

export const ROUTING_EVENTS = {
  /** The model looked (again) at these waiting appeals; an empty list means "many". */
  'suggestions.changed': z.object({ ids: z.array(z.string()) }),
} as const;
