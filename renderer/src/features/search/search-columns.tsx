// Search result columns: the inbox's own columns (source, channel, author, text, received), with the query's
// words marked in the text, plus where each appeal stands (waiting, routed to whom, rejected).
import { createColumnHelper } from '@tanstack/react-table';
import type { InboxRow, ListedRow } from '../../../../shared/desk-api/contract.js';
import { InertLine } from '../../components/InertLine.js';
import { useDeskStore } from '../../store/desk-store.js';
import { INBOX_COLUMNS } from '../inbox/inbox-columns.js';
import { STATUS_LABELS } from './search-query-state.js';
import { useSearchStore } from './search-store.js';
import { WithdrawnBadge } from '../withdrawn/WithdrawnMark.js';
import { HeldBadge } from '../team/HeldMark.js';

function MarkedExcerpt({ text }: { text: string }) {
  const terms = useSearchStore((s) => s.answer?.terms);
  // Text nodes and <mark> only (InertLine): cleaned and isolated as in the inbox, the query's words marked inside.
  return <InertLine text={text} terms={terms ?? []} />;
}

function StatusCell({ row }: { row: InboxRow }) {
  const listed = 'status' in row ? (row as ListedRow) : null;
  const target = useDeskStore((s) => (listed?.targetId ? s.targetsById.get(listed.targetId) : undefined));
  if (listed === null) return null;
  const text = listed.status === 'routed' && target ? `→ ${target.shortName}` : STATUS_LABELS[listed.status];
  return <span className={`result-status status-${listed.status}`} title={target?.name ?? STATUS_LABELS[listed.status]}>{text}</span>;
}

const column = createColumnHelper<InboxRow>();
const shared = (id: string) => INBOX_COLUMNS.filter((c) => c.id === id);

export const SEARCH_COLUMNS = [
  ...['source', 'channel', 'author'].flatMap(shared),
  column.accessor('excerpt', { id: 'excerpt', header: 'Текст',
    // A colleague reading a waiting result says so on its row too, as in the inbox (trial: only the detail said it).
    cell: (c) => <><WithdrawnBadge iso={c.row.original.withdrawnAt} /><HeldBadge appealId={c.row.original.id} /><MarkedExcerpt text={c.getValue()} /></> }),
  ...shared('received'),
  column.display({ id: 'status', header: 'Состояние', cell: (c) => <StatusCell row={c.row.original} /> }),
  ...shared('attachments'),
];
