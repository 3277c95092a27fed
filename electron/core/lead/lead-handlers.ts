// Desk API handlers of the shift lead's sections: queues and drill-down, bulk re-decisions, statistics and
// report exports. Computed from the local cache, so they work offline. Spread into createDeskHandlers.
import { basename, dirname } from 'node:path';
import type { LEAD_METHODS, QueueAppeal, ReportRequest, StatsPeriod } from '../../../shared/desk-api/lead-contract.js';
import { ONLY_LEAD_REDECIDES } from '../../../shared/domain/appeal.js';
import type { AfterChangePipeline } from '../after-change.js';
import type { LocalCache } from '../cache/local-cache.js';
import type { DeskEventHub } from '../desk-events.js';
import { requireKnownTarget, requireLead, type UserSource } from '../guards.js';
import type { Handlers } from '../handler-types.js';
import { createFactReader } from './appeal-facts.js';
import { computeQueues, personNameIn, QUEUE_LOOKBACK_MS, queueAppeals, toQueueAppeal } from './compute-queues.js';
import { computeStats, periodBounds } from './compute-stats.js';
import { createDeadlineKeeper, type DeadlineConfig } from './deadline-keeper.js';
import { exportFailure } from './export-failure.js';
import { exportFileNameOf } from './export-file-name-of.js';
import { redecideAppeals } from './redecide-appeals.js';
import { appealListTable, monthlyReportTables } from './report-tables.js';
import { exportsFolder, writeReport } from './report-writer.js';

export type LeadHandlers = Handlers<typeof LEAD_METHODS>;

/** user: the live session's user (a stored token and a cached user), null when signed out. */
export interface LeadContext extends UserSource {
  cache: LocalCache;
  events: DeskEventHub;
  log: (line: string) => void;
  /** Called after decisions are queued (wakes the sync engine). */
  decided: (nowMs: number) => void;
  now?: () => number;
  /** deadlines.json as read at start (deadline-config.ts); empty = the default rules and calendar. */
  deadlines: DeadlineConfig;
  /** Pulled appeals arrive without deadlines: the keeper fills them before anyone hears of the change. */
  afterChange: Pick<AfterChangePipeline, 'set'>;
}

export function createLeadHandlers(ctx: LeadContext): LeadHandlers {
  const { cache, events } = ctx;
  const now = ctx.now ?? Date.now;
  const dataDir = dirname(cache.db.name);
  const keeper = createDeadlineKeeper(cache.db, ctx.deadlines);
  const facts = createFactReader(cache.db);
  // Local time in file names and report cells: the calendar's offset, the one the deadlines are computed in.
  const utcOffsetMs = keeper.calendar.settings.utcOffsetMinutes * 60_000;
  // Pulled appeals arrive without deadlines; fill them before anyone reads the list the event announces.
  ctx.afterChange.set('deadlines', () => keeper.fillMissing());

  const freshLabels = () => {
    const labels = new Map(cache.targets.list().map((t) => [t.id, t.shortName]));
    return (id: string): string => labels.get(id) ?? id;
  };

  // The period is checked by StatsPeriod (real days, from ≤ to, at most MAX_PERIOD_DAYS) before a handler runs.
  const stats = (period: StatsPeriod) => {
    keeper.fillMissing();
    const [fromMs, toMs] = periodBounds(period, keeper.calendar);
    return computeStats(facts.receivedBetween(fromMs, toMs), period, keeper.calendar, freshLabels());
  };

  const monthPeriod = (month: string): StatsPeriod => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
  };

  /** The rows of a list export, and the name of the person behind an operator's queue (its file is named so). */
  const listRows = (request: Extract<ReportRequest, { kind: 'list' }>) => {
    keeper.fillMissing();
    if (request.group) {
      const live = facts.live(now() - QUEUE_LOOKBACK_MS);
      return { rows: queueAppeals(live, request.group, now(), keeper.calendar), personName: (id: string) => personNameIn(live, id) };
    }
    const [fromMs, toMs] = request.period ? periodBounds(request.period, keeper.calendar) : [0, Number.MAX_SAFE_INTEGER];
    const rows: QueueAppeal[] = facts.receivedBetween(fromMs, toMs)
      .sort((a, b) => b.receivedMs - a.receivedMs || a.id.localeCompare(b.id)).map(toQueueAppeal);
    return { rows, personName: () => null };
  };

  return {
    'queues.get': () => {
      requireLead(ctx);
      keeper.fillMissing();
      const nowMs = now();
      return computeQueues(facts.live(nowMs - QUEUE_LOOKBACK_MS), nowMs, keeper.calendar, freshLabels());
    },
    'queues.appeals': (group) => {
      requireLead(ctx);
      keeper.fillMissing();
      const nowMs = now();
      return { rows: queueAppeals(facts.live(nowMs - QUEUE_LOOKBACK_MS), group, nowMs, keeper.calendar) };
    },
    'appeals.redecide': ({ appealIds, decision }) => {
      // Not «this section is the lead's» (trial of 4 December): an operator meets this pressing a digit in search.
      const user = requireLead(ctx, ONLY_LEAD_REDECIDES);
      if (decision.type === 'route') requireKnownTarget(cache, decision.targetId);
      const nowMs = now();
      const result = redecideAppeals(cache, appealIds, decision, { id: user.id, name: user.name }, nowMs);
      if (result.acks.length > 0) {
        events.emit('appeals.changed', { ids: result.acks.length > 1000 ? [] : result.acks.map((a) => a.appealId) });
        ctx.decided(nowMs);
      }
      return result;
    },
    'stats.get': (period) => {
      requireLead(ctx);
      return stats(period);
    },
    'reports.export': async (request) => {
      requireLead(ctx);
      const labels = freshLabels();
      const list = request.kind === 'list' ? listRows(request) : { rows: [], personName: () => null };
      const tables = request.kind === 'monthly'
        ? monthlyReportTables(stats(monthPeriod(request.month)))
        : [appealListTable(list.rows, labels, utcOffsetMs)];
      const name = exportFileNameOf(request, list.personName, labels, new Date(now() + utcOffsetMs));
      const dir = exportsFolder(dataDir);
      let path: string;
      try {
        path = await writeReport(dir, name, request.format, tables,
          (done, total) => events.emit('reports.progress', { done, total }));
      } catch (error) {
        ctx.log(`reports: ${name} not written: ${error instanceof Error ? error.message : String(error)}`);
        throw exportFailure(error, dir, name);
      }
      // The name written: a taken one was numbered («… (2).xlsx»), and the toast must name the file that is there.
      const fileName = basename(path);
      ctx.log(`reports: ${fileName} written`);
      return { path, fileName, rows: tables.reduce((n, t) => n + t.rows.length, 0) };
    },
  };
}
