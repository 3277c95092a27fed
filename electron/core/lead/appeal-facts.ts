// The few facts per cached appeal that queues, statistics and reports are computed from, read in one query
// (the decision's time and author come from the local view's JSON, so pending decisions count at once), and whose
// work the decision is — the one place queues, statistics and the monthly report learn it from.
import { firstDecisionOf, type AppealStatus, type FirstDecision, type RejectReason, type Source } from '../../../shared/domain/appeal.js';
import type { CacheDb } from '../cache/open-cache.js';

/** One person's part in a decision: who, and when. */
export interface DecisionBy { byId: string; byName: string; decidedMs: number }

export interface AppealFact {
  id: string;
  source: Source;
  status: AppealStatus;
  targetId: string | null;
  receivedMs: number;
  routeDueMs: number | null;
  answerDueMs: number | null;
  excerpt: string;
  decidedMs: number | null;
  decidedById: string | null;
  decidedByName: string | null;
  pending: boolean;
  /**
   * The server has it decided (its last pulled version): deciding it now replaces a decision. The lead's question and
   * the undo toast (decide-appeal.ts, `anyDecidedOnServer`) read this one fact, not the local view, which an unsent
   * decision has already changed.
   */
  decidedOnServer: boolean;
  /** The reason of a rejection (local view), else null. */
  rejectReason: RejectReason | null;
  /** When the author withdrew it (issue 14 item 6), else null: whatever was decided, the lead sees it. */
  withdrawnAt: string | null;
  /**
   * Whose work the decision is (Appeal.firstDecision): the first decider, what they decided and when. An operator keeps
   * a routing a lead later changed; null while the appeal waits.
   */
  credited: (DecisionBy & { status: FirstDecision['status'] }) | null;
  /** Someone other than the first decider changed the decision since (a shift lead's correction): the last to. */
  correction: DecisionBy | null;
}

interface FactRow {
  id: string; source: Source; status: AppealStatus; target_id: string | null; received_ms: number;
  route_due_ms: number | null; answer_due_ms: number | null; excerpt: string;
  decided_at: string | null; by_id: string | null; by_name: string | null; pending: number;
  reject_reason: RejectReason | null; withdrawn_at: string | null; first_decision: string | null; server_status: AppealStatus;
}

const SELECT = `
  SELECT a.id, a.source, a.local_status AS status, a.server_status, a.local_target_id AS target_id, a.received_ms,
    a.route_due_ms, a.answer_due_ms, a.excerpt,
    CASE WHEN a.local_status <> 'new' THEN json_extract(coalesce(a.local_json, a.server_json), '$.routedAt') END AS decided_at,
    CASE WHEN a.local_status <> 'new' THEN json_extract(coalesce(a.local_json, a.server_json), '$.routedBy.id') END AS by_id,
    CASE WHEN a.local_status <> 'new' THEN json_extract(coalesce(a.local_json, a.server_json), '$.routedBy.name') END AS by_name,
    CASE WHEN a.local_status = 'rejected' THEN json_extract(coalesce(a.local_json, a.server_json), '$.rejectReason') END AS reject_reason,
    a.withdrawn_at,
    CASE WHEN a.local_status <> 'new' THEN json_extract(coalesce(a.local_json, a.server_json), '$.firstDecision') END AS first_decision,
    EXISTS (SELECT 1 FROM outbox o WHERE o.appeal_id = a.id) AS pending
  FROM appeals a`;

/** The first decision and a correction of it, from the row's decision columns and its `firstDecision` JSON. */
function creditOf(r: FactRow): Pick<AppealFact, 'credited' | 'correction'> {
  const routedBy = r.by_id !== null ? { id: r.by_id, name: r.by_name ?? r.by_id } : null;
  const first = firstDecisionOf({
    status: r.status, routedBy, routedAt: r.decided_at,
    firstDecision: r.first_decision === null ? null : JSON.parse(r.first_decision) as FirstDecision,
  });
  if (first === null) return { credited: null, correction: null };
  const credited = { byId: first.by.id, byName: first.by.name, decidedMs: Date.parse(first.at), status: first.status };
  if (routedBy === null || routedBy.id === first.by.id || r.decided_at === null) return { credited, correction: null };
  return { credited, correction: { byId: routedBy.id, byName: routedBy.name, decidedMs: Date.parse(r.decided_at) } };
}

const toFact = (r: FactRow): AppealFact => ({
  id: r.id, source: r.source, status: r.status, targetId: r.target_id, receivedMs: r.received_ms,
  routeDueMs: r.route_due_ms, answerDueMs: r.answer_due_ms, excerpt: r.excerpt,
  decidedMs: r.decided_at ? Date.parse(r.decided_at) : null, decidedById: r.by_id, decidedByName: r.by_name,
  pending: r.pending === 1, decidedOnServer: r.server_status !== 'new',
  rejectReason: r.reject_reason, withdrawnAt: r.withdrawn_at,
  ...creditOf(r),
});

export function createFactReader(db: CacheDb) {
  const received = db.prepare<[number, number], FactRow>(`${SELECT} WHERE a.received_ms >= ? AND a.received_ms < ?`);
  const live = db.prepare<[number], FactRow>(`${SELECT} WHERE a.local_status = 'new' OR a.received_ms >= ?`);
  const byIds = db.prepare<[string], FactRow>(`${SELECT} WHERE a.id = ?`);
  return {
    /** Appeals received in [fromMs, toMs). */
    receivedBetween: (fromMs: number, toMs: number): AppealFact[] => received.all(fromMs, toMs).map(toFact),
    /** What the queues look at: every waiting appeal and everything received since `sinceMs`. */
    live: (sinceMs: number): AppealFact[] => live.all(sinceMs).map(toFact),
    one: (id: string): AppealFact | null => {
      const row = byIds.get(id);
      return row ? toFact(row) : null;
    },
  };
}
export type FactReader = ReturnType<typeof createFactReader>;
