// The grid of waiting appeals: the shared AppealGrid over the inbox's ids, rows and selection from the store.
import { useDeskStore } from '../../store/desk-store.js';
import { AppealGrid } from './AppealGrid.js';
import { INBOX_COLUMNS } from './inbox-columns.js';

export function InboxTable() {
  const rowIds = useDeskStore((s) => s.rowIds);
  const rowsById = useDeskStore((s) => s.rowsById);
  const selectedId = useDeskStore((s) => s.selectedId);
  const select = useDeskStore((s) => s.select);
  const ensureRows = useDeskStore((s) => s.ensureRows);
  const setPageSize = useDeskStore((s) => s.setPageSize);
  return (
    <AppealGrid ids={rowIds} rowsById={rowsById} selectedId={selectedId} onSelect={select} ensureRows={ensureRows}
      columns={INBOX_COLUMNS} label="Обращения, ожидающие разбора" onPageSize={setPageSize} />
  );
}
