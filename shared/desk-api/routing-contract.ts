// Desk API for routing suggestions (issue 6): ranked targets with reasons per waiting appeal, the place found
// in the text, and routing a surge cluster. Spread into DESK_METHODS / DESK_EVENTS in contract.ts.
import { z } from 'zod';
import { Identifier } from '../domain/identifier.js';
import { AppealStatus, Decision, Source } from '../domain/appeal.js';

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

const AppealId = Identifier;

/** A surge cluster (same problem, same place, within hours) or a duplicate fold, as the inbox shows it. */
export const ClusterInfo = z.object({ clusterId: z.string(), size: z.number().int().min(2) });
export type ClusterInfo = z.infer<typeof ClusterInfo>;

export const ClusterMember = z.object({
  id: z.string(),
  source: Source,
  authorName: z.string(),
  excerpt: z.string(),
  receivedAt: z.string(),
  status: AppealStatus,
  /** Why it joined: 'surge' (same problem and place) or 'duplicate' (same author, same text); null for the first. */
  reason: z.enum(['surge', 'duplicate']).nullable(),
});
export type ClusterMember = z.infer<typeof ClusterMember>;

export const ClusterDecisionResult = z.object({
  /** The outbox batch: Ctrl+Z takes the whole cluster back while none of it has been sent. */
  batchId: z.string(),
  acks: z.array(z.object({ mutationId: z.string(), appealId: z.string() })),
  failed: z.array(z.object({ appealId: z.string(), message: z.string() })),
});
export type ClusterDecisionResult = z.infer<typeof ClusterDecisionResult>;

export const ROUTING_METHODS = {
  'suggestions.get': { input: z.object({ appealId: AppealId }).strict(), output: AppealSuggestions },
  /** Suggestions for the rows on screen (the grid asks for its visible window). */
  'suggestions.forIds': {
    input: z.object({ ids: z.array(AppealId).max(1000) }).strict(),
    output: z.object({ items: z.array(AppealSuggestions) }),
  },
  /** The cluster of an appeal with all its members (newest first); clusterId null when it stands alone. */
  'clusters.get': {
    input: z.object({ appealId: AppealId }).strict(),
    output: z.object({ clusterId: z.string().nullable(), members: z.array(ClusterMember) }),
  },
  /**
   * One decision for every waiting appeal of the appeal's cluster: one outbox mutation per appeal, one batch.
   * memberIds: the members the operator was shown; only those still waiting are decided (never a later arrival).
   */
  'clusters.decide': {
    input: z.object({ appealId: AppealId, decision: Decision, memberIds: z.array(AppealId).max(1000).optional() }).strict(),
    output: ClusterDecisionResult,
  },
} as const;

export const ROUTING_EVENTS = {
  /** The model looked (again) at these waiting appeals; an empty list means "many". */
  'suggestions.changed': z.object({ ids: z.array(z.string()) }),
} as const;
