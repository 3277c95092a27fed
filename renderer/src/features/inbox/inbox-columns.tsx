// Grid columns, defined once at module level so TanStack Table sees stable references.
import { createColumnHelper } from '@tanstack/react-table';
import type { InboxRow } from '../../../../shared/desk-api/contract.js';
import { InertLine } from '../../components/InertLine.js';
import { PaperclipIcon } from '../../components/PaperclipIcon.js';
import { SourceBadge } from '../../components/SourceBadge.js';
import { useDeskStore } from '../../store/desk-store.js';
import { formatReceivedLong, formatReceivedShort } from '../../time/novosibirsk-time.js';
import { DueCell, DueHeader } from './DueCell.js';
import { ClusterBadge } from '../clusters/ClusterBadge.js';
import { HeldBadge } from '../team/HeldMark.js';
import { TopSuggestionCell } from '../suggestions/TopSuggestionCell.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { TextHeader } from './NewAboveCue.js';
import { WithdrawnBadge } from '../withdrawn/WithdrawnMark.js';

function ReceivedCell({ iso }: { iso: string }) {
  // Subscribes to the minute clock, so «сегодня» becomes «вчера» at midnight without a reload.
  const nowMs = useDeskStore((s) => s.nowMs);
  return <time dateTime={iso} title={`${formatReceivedLong(iso, nowMs)} (Новосибирск)`}>{formatReceivedShort(iso, nowMs)}</time>;
}

const column = createColumnHelper<InboxRow>();

export const INBOX_COLUMNS = [
  column.accessor('source', { id: 'source', header: 'Ист.', cell: (c) => <SourceBadge source={c.getValue()} /> }),
  // Citizen-supplied strings (channel, author, text) go through InertLine: no direction overrides, isolated.
  column.accessor('channelName', { id: 'channel', header: 'Канал', cell: (c) => <InertLine text={c.getValue()} maxLength={200} /> }),
  // On a narrow pane the Канал column is dropped and the channel becomes the author cell's second line (inbox.css);
  // the header says «Автор/канал», without spaces: «Автор / канал» was cut to «АВТОР / КАН…» at 1366 px (trial of 4 December).
  column.accessor('authorName', { id: 'author',
    header: () => <span className="header-label" title="Автор и канал">Автор<span className="author-channel-header">/канал</span></span>,
    cell: (c) => <><InertLine className="author-name" text={c.getValue()} maxLength={200} /><InertLine className="author-channel" text={c.row.original.channelName} maxLength={200} /></> }),
  // A surge cluster (#6) shows its count before the text of its newest appeal; a colleague's hold (#9) who reads it;
  // an appeal its author withdrew (issue 14 item 6) says so first. The header carries the cue of unseen arrivals.
  column.accessor('excerpt', { id: 'excerpt', header: () => <TextHeader />,
    cell: (c) => <><WithdrawnBadge iso={c.row.original.withdrawnAt} /><HeldBadge appealId={c.row.original.id} /><ClusterBadge appealId={c.row.original.id} /><InertLine text={c.getValue()} /></> }),
  column.display({ id: 'suggestion', header: () => <span className="header-label" title={`Первое предложение модели (${keysFor('inbox', 'route-suggestion-1')})`}>Предложение</span>,
    cell: (c) => <TopSuggestionCell appealId={c.row.original.id} /> }),
  column.accessor('receivedAt', { id: 'received', header: 'Получено', cell: (c) => <ReceivedCell iso={c.getValue()} /> }),
  column.accessor('routeDueAt', { id: 'due', header: () => <DueHeader />, cell: (c) => <DueCell iso={c.getValue() ?? null} /> }),
  column.accessor('attachmentCount', {
    id: 'attachments',
    header: () => <span role="img" title="Вложения" aria-label="Вложения"><PaperclipIcon /></span>,
    cell: (c) => (c.getValue() > 0
      ? <span className="attachments-marker" title={`Вложений: ${c.getValue()}`}><PaperclipIcon />{c.getValue()}</span>
      : null),
  }),
];
