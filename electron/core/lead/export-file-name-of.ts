// The file name of one report export: what it holds in words the lead knows (the queue's label as the Очереди screen
// shows it, the period), turned into a name by the shared rule (shared/domain/export-file-name.ts).
import { UNROUTED_QUEUE_LABEL, type QueueAppeal, type ReportRequest } from '../../../shared/desk-api/lead-contract.js';
import { listExportFileName, monthlyReportFileName } from '../../../shared/domain/export-file-name.js';

/**
 * `rows`: the list being exported (an operator's queue is named after the operator who decided its appeals, as
 * computeQueues labels it); `targetLabel`: a target's short name; `wallClock`: now in the centre's local time.
 */
export function exportFileNameOf(
  request: ReportRequest, rows: readonly QueueAppeal[], targetLabel: (id: string) => string, wallClock: Date,
): string {
  if (request.kind === 'monthly') return monthlyReportFileName(request.month, request.format);
  return listExportFileName(listSubject(request, rows, targetLabel), wallClock, request.format);
}

function listSubject(
  request: Extract<ReportRequest, { kind: 'list' }>, rows: readonly QueueAppeal[], targetLabel: (id: string) => string,
): string {
  const { group, period } = request;
  if (group?.by === 'unrouted') return UNROUTED_QUEUE_LABEL;
  if (group?.by === 'target') return targetLabel(group.key);
  if (group?.by === 'operator') return rows.find((r) => r.decidedBy !== null)?.decidedBy ?? group.key;
  return period ? `с ${period.from} по ${period.to}` : 'все';
}
