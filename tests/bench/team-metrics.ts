// The team bench's figures from what the desks recorded and what the server holds at the end: wasted reads,
// conflicts, decisions per operator-minute, decision-to-gone and hold-to-seen latencies, arrival-to-decision for
// the live stream, and the collisions behind any wasted read (who read what while whom decided it).
import type { Appeal } from '../../shared/domain/appeal.js';
import { percentile, round } from './bench-types.js';
import type { DeskLog, ReadRecord } from './team-types.js';

export type ScenarioName = 'backlog' | 'stream' | 'solo';

export interface ScenarioRun {
  name: ScenarioName;
  seconds: number;
  startAt: number;
  endAt: number;
  backlog: number;
  logs: DeskLog[];
  server: Map<string, Appeal>;
  /** Live stream: when each new appeal was sent to the server. */
  arrivals: { id: string; at: number }[];
  /** A bystander's view of the live channel: when each `changes` event arrived (diagnostic). */
  channelChanges: { head: string; at: number }[];
}

export interface SlowSample {
  desk: string;
  appealId: string;
  decidedBy: string;
  /** Seconds from the scenario start when the server applied the decision. */
  appliedAt: number;
  latencyMs: number;
  /** From the server applying it to the live channel's `changes` event reaching a bystander. */
  channelMs: number | null;
}

export interface Collision {
  desk: string;
  appealId: string;
  kind: 'gone' | 'refused' | 'conflict';
  /** Seconds from the scenario start. */
  readFrom: number;
  readTo: number;
  /** The desk's hold answer when the read started. */
  hold: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  /** Whether (and from when) the decider held the appeal, by its own desk's log. */
  deciderHeldFrom: number | null;
  /** Whether this desk's team view had shown the appeal held by the decider before the read started. */
  sawHeldBeforeRead: boolean;
}

export interface ScenarioFigures {
  name: ScenarioName;
  operators: number;
  seconds: number;
  reads: number;
  wasted_reads: number;
  wasted_gone: number;
  wasted_refused: number;
  wasted_conflict: number;
  wasted_reads_pct: number;
  decisions_made: number;
  decisions_applied: number;
  appeals_decided: number;
  conflicts: number;
  conflicts_listed: number;
  conflicts_per_100_decisions: number;
  decisions_per_operator_minute: number;
  /**
   * The same over each operator's working time up to the end of their last completed read: the read cut off by the
   * scenario's end (0–20 s of it, by chance) is left out of both the decisions and the time.
   */
  decisions_per_operator_work_minute: number;
  hold_requests: number;
  hold_taken: number;
  hold_decided: number;
  abandoned_reads: number;
  /** Target figure: headless desks' inboxes and renderer desks' grids. */
  decision_to_gone_p50_ms: number;
  decision_to_gone_p95_ms: number;
  decision_to_gone_max_ms: number;
  decision_to_gone_samples: number;
  decision_to_gone_missing: number;
  /** Per decision, the last desk to drop it. */
  decision_to_gone_all_desks_p95_ms: number;
  /** The desk cores (all desks) and the renderer grids alone. */
  decision_to_gone_core_p95_ms: number;
  decision_to_gone_grid_p95_ms: number;
  /** From the server applying a decision to its `changes` event reaching a bystander on the live channel. */
  decision_to_channel_p50_ms: number;
  decision_to_channel_p95_ms: number;
  /** The slowest decision-to-gone samples, with the channel's share. */
  slowest_gone: SlowSample[];
  hold_to_seen_p50_ms: number;
  hold_to_seen_p95_ms: number;
  hold_to_seen_max_ms: number;
  hold_to_seen_samples: number;
  hold_to_seen_missing: number;
  hold_to_seen_all_desks_p95_ms: number;
  arrivals?: number;
  arrivals_decided?: number;
  arrival_to_decision_p50_ms?: number;
  arrival_to_decision_p95_ms?: number;
  perDesk: { desk: string; kind: string; userId: string; reads: number; decisions: number; wasted: number; conflicts: number;
    holdRequests: number; liveAtStart: string; liveAtEnd: string; notes: string[] }[];
  collisions: Collision[];
  conflictEvents: { desk: string; appealId: string; at: number; serverRoutedBy: string | null }[];
}

const p = (samples: number[], q: number): number => (samples.length === 0 ? Number.NaN : round(percentile(samples, q), 0));
const max = (samples: number[]): number => (samples.length === 0 ? Number.NaN : Math.max(...samples));
const since = (run: ScenarioRun, at: number | null): number => (at === null ? Number.NaN : round((at - run.startAt) / 1000, 1));

function decidedAtMs(appeal: Appeal | undefined): number | null {
  return appeal?.routedAt ? Date.parse(appeal.routedAt) : null;
}

export function computeFigures(run: ScenarioRun): ScenarioFigures {
  const { logs, server } = run;
  const team = new Set(logs.map((log) => log.userId));
  const operators = logs.length;
  const readsOf = (log: DeskLog): ReadRecord[] => log.reads;
  const appliedBy = (read: ReadRecord, userId: string): boolean =>
    read.decidedIds.some((id) => server.get(id)?.routedBy?.id === userId);

  const collisions: Collision[] = [];
  let reads = 0;
  let gone = 0;
  let refused = 0;
  let conflicted = 0;
  let made = 0;
  let applied = 0;
  const perDesk: ScenarioFigures['perDesk'] = [];
  const decidedByDesk = new Map<string, Set<string>>();
  for (const log of logs) {
    let deskWasted = 0;
    let deskDecisions = 0;
    const mine = new Set<string>();
    decidedByDesk.set(log.userId, mine);
    for (const read of readsOf(log)) {
      reads += 1;
      for (const id of read.decidedIds) mine.add(id);
      let kind: Collision['kind'] | null = null;
      if (read.outcome === 'gone') { gone += 1; kind = 'gone'; }
      else if (read.outcome === 'refused') { refused += 1; kind = 'refused'; }
      else {
        made += 1;
        if (appliedBy(read, log.userId)) { applied += 1; deskDecisions += 1; }
        else { conflicted += 1; kind = 'conflict'; }
      }
      if (kind === null) continue;
      deskWasted += 1;
      const appeal = server.get(read.appealId);
      const decider = appeal?.routedBy?.id ?? null;
      const deciderLog = logs.find((l) => l.userId === decider);
      const deciderHold = deciderLog?.holds.find((h) => h.appealId === read.appealId && (h.state === 'mine' || h.state === 'offline'));
      const deciderRead = deciderLog?.reads.find((r) => r.appealId === read.appealId || r.decidedIds.includes(read.appealId));
      collisions.push({
        desk: log.desk, appealId: read.appealId, kind,
        readFrom: since(run, read.startedAt), readTo: since(run, read.endedAt), hold: read.hold,
        decidedBy: decider, decidedAt: since(run, decidedAtMs(appeal)),
        deciderHeldFrom: since(run, deciderHold?.at ?? deciderRead?.startedAt ?? null),
        sawHeldBeforeRead: log.holdSeen.some((s) => s.appealId === read.appealId && s.holderId === decider && s.at <= read.startedAt),
      });
    }
    const holdRequests = log.holds.length;
    perDesk.push({ desk: log.desk, kind: log.kind, userId: log.userId, reads: log.reads.length, decisions: deskDecisions,
      wasted: deskWasted, conflicts: log.conflicts.length, holdRequests, liveAtStart: log.liveAtStart, liveAtEnd: log.liveAtEnd,
      notes: log.notes });
  }
  const wasted = gone + refused + conflicted;
  const workMs = logs.reduce((sum, log) => sum + Math.max(0, (log.reads.at(-1)?.endedAt ?? run.startAt) - run.startAt), 0);
  const conflicts = logs.reduce((sum, log) => sum + log.conflicts.length, 0);

  // Decision-to-gone: from the server applying a decision (routedAt) to each other desk no longer listing it.
  const target: number[] = [];
  const core: number[] = [];
  const grid: number[] = [];
  const allDesks: number[] = [];
  let missing = 0;
  let appealsDecided = 0;
  const channel: number[] = [];
  const slow: SlowSample[] = [];
  const channelDelay = (at: number): number | null => {
    const event = run.channelChanges.find((c) => c.at >= at - 5);
    return event ? event.at - at : null;
  };
  for (const [id, appeal] of server) {
    const decider = appeal.routedBy?.id;
    const at = decidedAtMs(appeal);
    if (appeal.status === 'new' || !decider || !team.has(decider) || at === null || at < run.startAt) continue;
    appealsDecided += 1;
    const toChannel = channelDelay(at);
    if (toChannel !== null) channel.push(toChannel);
    let last: number | null = null;
    for (const log of logs) {
      if (log.userId === decider || decidedByDesk.get(log.userId)?.has(id)) continue;
      const sample = (listed: readonly string[], goneList: DeskLog['gone'], into: number[]): number | null => {
        if (!listed.includes(id)) return null;
        const seen = goneList.filter((g) => g.appealId === id).at(-1);
        if (!seen || seen.at < at - 1_000) {
          if (seen) log.notes.push(`${id} left this desk's list ${at - seen.at} ms before the server applied its decision`);
          into.push(Infinity);
          return Infinity;
        }
        into.push(seen.at - at);
        return seen.at - at;
      };
      sample(log.listed, log.gone, core);
      const judged = log.kind === 'renderer' ? sample(log.gridListed, log.gridGone, grid) : sample(log.listed, log.gone, []);
      if (judged === null) continue;
      target.push(judged);
      if (judged === Infinity) missing += 1;
      slow.push({ desk: log.desk, appealId: id, decidedBy: decider, appliedAt: since(run, at), latencyMs: judged, channelMs: toChannel });
      last = Math.max(last ?? 0, judged);
    }
    if (last !== null) allDesks.push(last);
  }

  // Hold-to-seen: from the server granting a hold (its `since`) to each other desk's team view showing it.
  const seen = new Map<string, number>();
  for (const log of logs) {
    for (const s of log.holdSeen) {
      const sinceMs = Date.parse(s.since);
      if (s.holderId === log.userId || !team.has(s.holderId) || sinceMs < run.startAt) continue;
      const key = `${log.userId}\n${s.holderId}\n${s.since}`;
      const latency = s.at - sinceMs;
      seen.set(key, Math.min(seen.get(key) ?? Infinity, latency));
    }
  }
  const holdSamples = [...seen.values()];
  let holdMissing = 0;
  const holdAllDesks: number[] = [];
  for (const holder of logs) {
    for (const grant of holder.holds) {
      if (grant.state !== 'mine' || grant.at < run.startAt) continue;
      const observers = logs.filter((observer) => observer !== holder);
      const matches = observers.map((observer) => observer.holdSeen.filter((s) => s.holderId === holder.userId
        && s.appealId === grant.appealId && Date.parse(s.since) <= grant.at + 1_000 && Date.parse(s.since) >= grant.at - 10_000));
      // A hold given before the start (a renderer desk holds the row it opens on) is not timed.
      const heldBeforeStart = observers.some((observer) => observer.holdSeen.some((s) => s.holderId === holder.userId
        && s.appealId === grant.appealId && Date.parse(s.since) < run.startAt));
      if (observers.length === 0 || heldBeforeStart) continue;
      let last = 0;
      for (const match of matches) {
        if (match.length === 0) {
          holdMissing += 1;
          holdSamples.push(Infinity);
          last = Infinity;
        } else {
          last = Math.max(last, Math.min(...match.map((s) => s.at - Date.parse(s.since))));
        }
      }
      holdAllDesks.push(last);
    }
  }

  const holdRequests = logs.reduce((sum, log) => sum + log.holds.length, 0);
  const holdTaken = logs.reduce((sum, log) => sum + log.holds.filter((h) => h.state === 'taken').length, 0);
  const holdDecided = logs.reduce((sum, log) => sum + log.holds.filter((h) => h.state === 'decided').length, 0);
  const figures: ScenarioFigures = {
    name: run.name, operators, seconds: run.seconds,
    reads, wasted_reads: wasted, wasted_gone: gone, wasted_refused: refused, wasted_conflict: conflicted,
    wasted_reads_pct: reads === 0 ? Number.NaN : round((100 * wasted) / reads, 1),
    decisions_made: made, decisions_applied: applied, appeals_decided: appealsDecided,
    conflicts, conflicts_listed: logs.reduce((sum, log) => sum + Math.max(0, log.conflictsListed), 0),
    conflicts_per_100_decisions: made === 0 ? Number.NaN : round((100 * conflicts) / made, 1),
    decisions_per_operator_minute: round(applied / (operators * (run.seconds / 60)), 2),
    decisions_per_operator_work_minute: workMs === 0 ? Number.NaN : round(applied / (workMs / 60_000), 2),
    hold_requests: holdRequests, hold_taken: holdTaken, hold_decided: holdDecided,
    abandoned_reads: logs.reduce((sum, log) => sum + log.abandoned, 0),
    decision_to_gone_p50_ms: p(target, 50), decision_to_gone_p95_ms: p(target, 95), decision_to_gone_max_ms: max(target),
    decision_to_gone_samples: target.length, decision_to_gone_missing: missing,
    decision_to_gone_all_desks_p95_ms: p(allDesks, 95),
    decision_to_gone_core_p95_ms: p(core, 95), decision_to_gone_grid_p95_ms: p(grid, 95),
    decision_to_channel_p50_ms: p(channel, 50), decision_to_channel_p95_ms: p(channel, 95),
    slowest_gone: slow.sort((a, b) => b.latencyMs - a.latencyMs).slice(0, 15),
    hold_to_seen_p50_ms: p(holdSamples, 50), hold_to_seen_p95_ms: p(holdSamples, 95), hold_to_seen_max_ms: max(holdSamples),
    hold_to_seen_samples: holdSamples.length, hold_to_seen_missing: holdMissing,
    hold_to_seen_all_desks_p95_ms: p(holdAllDesks, 95),
    perDesk, collisions,
    conflictEvents: logs.flatMap((log) => log.conflicts.map((c) => ({ desk: log.desk, ...c }))),
  };
  if (run.name === 'stream') {
    const toDecision: number[] = [];
    for (const arrival of run.arrivals) {
      const appeal = server.get(arrival.id);
      const at = decidedAtMs(appeal);
      if (appeal && appeal.status !== 'new' && at !== null) toDecision.push(at - arrival.at);
    }
    figures.arrivals = run.arrivals.length;
    figures.arrivals_decided = toDecision.length;
    figures.arrival_to_decision_p50_ms = p(toDecision, 50);
    figures.arrival_to_decision_p95_ms = p(toDecision, 95);
  }
  return figures;
}
