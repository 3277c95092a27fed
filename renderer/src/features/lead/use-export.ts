// Runs a report export in the core and follows its progress events: the progress bar and the written path.
import { useEffect, useState } from 'react';
import type { ReportRequest } from '../../../../shared/desk-api/lead-contract.js';
import { deskCall, onDeskEvent } from '../../desk-client.js';

export type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; done: number; total: number }
  | { phase: 'done'; path: string; rows: number }
  | { phase: 'failed'; message: string };

export function useExport(): [ExportState, (request: ReportRequest) => void] {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  useEffect(() => onDeskEvent('reports.progress', ({ done, total }) => {
    setState((s) => (s.phase === 'running' ? { phase: 'running', done, total } : s));
  }), []);
  const start = (request: ReportRequest): void => {
    if (state.phase === 'running') return;
    setState({ phase: 'running', done: 0, total: 0 });
    void deskCall('reports.export', request).then((result) => {
      setState(result.ok ? { phase: 'done', path: result.value.path, rows: result.value.rows }
        : { phase: 'failed', message: result.error.message });
    });
  };
  return [state, start];
}
