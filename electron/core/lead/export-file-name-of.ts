// The file name of one report export: what it holds in words the lead knows (the queue's label as the Очереди screen
// shows it, the period), turned into a name by the shared rule (shared/domain/export-file-name.ts).
import { UNROUTED_QUEUE_LABEL, type ReportRequest } from '../../../shared/desk-api/lead-contract.js';
import { listExportFileName, monthlyReportFileName } from '../../../shared/domain/export-file-name.js';

/**
 * `personName`: the name of the person behind an operator's queue as computeQueues labels it, or null when none is
 * known (their rows name the appeals' last deciders, a lead among them once corrections are listed, so not those);
 * `targetLabel`: a target's short name; `wallClock`: now in the centre's local time.
 */
export function exportFileNameOf(
  request: ReportRequest, personName: (id: string) => string | null, targetLabel: (id: string) => string, wallClock: Date,
): string {
  if (request.kind === 'monthly') return monthlyReportFileName(request.month, request.format);
  return listExportFileName(listSubject(request, personName, targetLabel), wallClock, request.format);
}

function listSubject(
  request: Extract<ReportRequest, { kind: 'list' }>, personName: (id: string) => string | null,
  targetLabel: (id: string) => string,
): string {
  const { group, period } = request;
  if (group?.by === 'unrouted') return UNROUTED_QUEUE_LABEL;
  if (group?.by === 'target') return targetLabel(group.key);
  if (group?.by === 'operator') return personName(group.key) ?? group.key;
  return period ? `с ${period.from} по ${period.to}` : 'все';
}
