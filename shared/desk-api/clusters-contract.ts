// Desk API of surge clusters (issue 6): an appeal's cluster with its members and one decision for the whole
// cluster. The inbox's ids fold clusters (inbox-contract.ts). Spread into DESK_METHODS in contract.ts.
import { z } from 'zod';
import { Identifier } from '../domain/identifier.js';
import { AppealStatus, Decision, Source } from '../domain/appeal.js';
import type { MethodTable } from './method-table.js';

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
  /**
   * Why it joined: 'surge' (same problem and place), 'duplicate' (same author, same text) or 'copy' (the same long
   * text from another author: a template, a bot); null for the first.
   */
  reason: z.enum(['surge', 'duplicate', 'copy']).nullable(),
});
export type ClusterMember = z.infer<typeof ClusterMember>;

export const ClusterDecisionResult = z.object({
  /** The outbox batch: Ctrl+Z takes the whole cluster back while none of it has been sent. */
  batchId: z.string(),
  acks: z.array(z.object({ mutationId: z.string(), appealId: z.string() })),
  failed: z.array(z.object({ appealId: z.string(), message: z.string() })),
});
export type ClusterDecisionResult = z.infer<typeof ClusterDecisionResult>;

export const CLUSTER_METHODS = {
  /** The cluster of an appeal with all its members (newest first); clusterId null when it stands alone. */
  'clusters.get': {
    input: z.object({ appealId: Identifier }).strict(),
    output: z.object({ clusterId: z.string().nullable(), members: z.array(ClusterMember) }),
  },
  /**
   * One decision for every waiting appeal of the appeal's cluster: one outbox mutation per appeal, one batch.
   * memberIds: the members the operator was shown; only those still waiting are decided (never a later arrival).
   */
  'clusters.decide': {
    input: z.object({ appealId: Identifier, decision: Decision, memberIds: z.array(Identifier).max(1000).optional() }).strict(),
    output: ClusterDecisionResult,
  },
} as const satisfies MethodTable;
