// Desk API for routing suggestions (issue 6): ranked targets with reasons per waiting appeal, the place found
// in the text, and routing a surge cluster. Spread into DESK_METHODS / DESK_EVENTS in contract.ts.
import { z } from 'zod';

export const TargetSuggestion = z.object({
  targetId: z.string(),
  name: z.string(),
  score: z.number().min(0).max(1),
  /** Short Russian reason a person can check: «слова: поликлиника, талон» / «место: Линёво → Искитимский район». */
  reason: z.string(),
});
export type TargetSuggestion = z.infer<typeof TargetSuggestion>;

export const DetectedPlace = z.object({ name: z.string(), text: z.string(), targetId: z.string() });
export type DetectedPlace = z.infer<typeof DetectedPlace>;

export const AppealSuggestions = z.object({
  appealId: z.string(),
  /** Best first, at most three; empty while the model has not looked at this appeal yet. */
  suggestions: z.array(TargetSuggestion).max(3),
  place: DetectedPlace.nullable(),
  ready: z.boolean(),
});
export type AppealSuggestions = z.infer<typeof AppealSuggestions>;

const AppealId = z.string().min(1).max(100);

export const ROUTING_METHODS = {
  'suggestions.get': { input: z.object({ appealId: AppealId }).strict(), output: AppealSuggestions },
  /** Suggestions for the rows on screen (the grid asks for its visible window). */
  'suggestions.forIds': {
    input: z.object({ ids: z.array(AppealId).max(1000) }).strict(),
    output: z.object({ items: z.array(AppealSuggestions) }),
  },
} as const;

export const ROUTING_EVENTS = {
  /** The model looked (again) at these waiting appeals; an empty list means "many". */
  'suggestions.changed': z.object({ ids: z.array(z.string()) }),
} as const;
