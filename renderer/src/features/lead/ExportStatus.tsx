// The export line under a lead section: a progress bar while the core writes, then where the file is.
import type { ExportState } from './use-export.js';

export function ExportStatus({ state }: { state: ExportState }) {
  if (state.phase === 'idle') return null;
  if (state.phase === 'running') {
    const share = state.total > 0 ? state.done / state.total : 0;
    return (
      <div className="export-status" role="status">
        <span>Выгрузка…</span>
        <progress max={1} value={share} aria-label="Ход выгрузки" />
        <span className="tabular muted">{state.total > 0 ? `${state.done} из ${state.total}` : ''}</span>
      </div>
    );
  }
  if (state.phase === 'failed') return <div className="export-status error" role="alert">Выгрузка не удалась: {state.message}</div>;
  return (
    <div className="export-status" role="status" data-testid="export-done">
      <span>Файл сохранён ({state.rows} строк):</span> <code className="export-path">{state.path}</code>
    </div>
  );
}
