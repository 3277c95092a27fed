// The grid of waiting appeals: the shared AppealGrid over the inbox's ids, rows and selection from the store.
import { useDeskStore } from '../../store/desk-store.js';
import { AppealGrid } from './AppealGrid.js';
import { INBOX_COLUMNS } from './inbox-columns.js';
import { useCallback } from 'react';
import { useHeldByName } from '../team/use-held-by.js';
import { afterPaint } from '../../app/after-paint.js';
import { followSuggestionChanges } from '../suggestions/suggestions-store.js';
import { loadSuggestionsFor } from '../suggestions/TopSuggestionCell.js';

export function InboxTable() {
  const rowIds = useDeskStore((s) => s.rowIds);
  const rowsById = useDeskStore((s) => s.rowsById);
  const selectedId = useDeskStore((s) => s.selectedId);
  const select = useDeskStore((s) => s.select);
  const ensureRows = useDeskStore((s) => s.ensureRows);
  const setPageSize = useDeskStore((s) => s.setPageSize);
  const markSeen = useDeskStore((s) => s.markSeen);
  // Every selection in the inbox asks for its hold once it rests (store/inbox-slice.ts): until the answer it is pending.
  const selectedHold = useDeskStore((s) => (s.selectionHold?.id === s.selectedId ? s.selectionHold?.state : 'pending'));
  const heldBy = useHeldByName();
  const unfolded = useDeskStore((s) => s.unfolded);
  const unfoldedShown = useDeskStore((s) => s.unfoldedShown);
  // The window's rows and its top suggestions (#6) are fetched together, once per window, never per key press.
  const ensureWindow = useCallback((ids: readonly string[]) => {
    followSuggestionChanges();
    void afterPaint().then(() => loadSuggestionsFor(ids));
    return ensureRows(ids);
  }, [ensureRows]);
  return (
    <AppealGrid ids={rowIds} rowsById={rowsById} selectedId={selectedId} onSelect={select} ensureRows={ensureWindow}
      columns={INBOX_COLUMNS} label="Обращения, ожидающие разбора" className="inbox-grid" onPageSize={setPageSize}
      heldBy={heldBy} selectedHold={selectedHold} focusOnMount onSeen={markSeen} reveal={unfolded}
      onRevealed={unfoldedShown} />
  );
}
