// Runs a report export in the core and follows its progress events; the outcome stays on screen for a few seconds
// (a failure longer: it has to be read) or until dismissed.
import { useCallback, useEffect, useState } from 'react';
import type { ReportRequest } from '../../../../shared/desk-api/lead-contract.js';
import { deskCall, onDeskEvent } from '../../desk-client.js';

export type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; done: number; total: number }
  | { phase: 'done'; path: string; fileName: string; rows: number }
  | { phase: 'failed'; message: string };

/** How long the outcome stays on screen, ms. */
export const EXPORT_TOAST_MS = { done: 8_000, failed: 15_000 } as const;

export function useExport(): [ExportState, (request: ReportRequest) => void, () => void] {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  useEffect(() => onDeskEvent('reports.progress', ({ done, total }) => {
    setState((s) => (s.phase === 'running' ? { phase: 'running', done, total } : s));
  }), []);
  useEffect(() => {
    if (state.phase !== 'done' && state.phase !== 'failed') return undefined;
    const timer = setTimeout(() => setState({ phase: 'idle' }), EXPORT_TOAST_MS[state.phase]);
    return () => clearTimeout(timer);
  }, [state]);
  const start = (request: ReportRequest): void => {
    if (state.phase === 'running') return;
    setState({ phase: 'running', done: 0, total: 0 });
    void deskCall('reports.export', request).then((result) => {
      setState(result.ok
        ? { phase: 'done', path: result.value.path, fileName: result.value.fileName, rows: result.value.rows }
        : { phase: 'failed', message: result.error.message });
    });
  };
  // A running export cannot be dismissed: its outcome would then go unseen.
  const dismiss = useCallback(() => setState((s) => (s.phase === 'running' ? s : { phase: 'idle' })), []);
  return [state, start, dismiss];
}
