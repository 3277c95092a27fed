// The selected appeal in full. Citizen text is hostile: React text nodes only (never HTML), run through
// inertText() to strip controls and bidi overrides; links only for https.
import { memo, useMemo, type ReactNode } from 'react';
import type { InboxRow, LocalAppeal } from '../../../../shared/desk-api/contract.js';
import { SOURCE_LABELS, type Attachment } from '../../../../shared/domain/appeal.js';
import { excerptOf, inertText } from '../../../../shared/text/inert-text.js';
import { SafeLink } from '../../components/SafeLink.js';
import { SourceBadge } from '../../components/SourceBadge.js';
import { urlLabel } from '../../components/safe-url.js';
import { useDeskStore } from '../../store/desk-store.js';
import type { DetailState } from '../../store/state-types.js';
import { SuggestionsBlock } from '../suggestions/SuggestionsBlock.js';
import { ClusterBlock } from '../clusters/ClusterBlock.js';
import { HoldNotice } from '../team/HeldMark.js';
import { formatReceivedLong } from '../../time/novosibirsk-time.js';

const ATTACHMENT_LABELS: Record<Attachment['kind'], string> = { photo: 'Фото', video: 'Видео', link: 'Ссылка' };

// A 100 KB post is one text node: cheap for the browser, and memoised so selection changes elsewhere skip it.
const AppealText = memo(function AppealText({ text }: { text: string }) {
  const clean = useMemo(() => inertText(text), [text]);
  return <div className="detail-text" lang="ru">{clean}</div>;
});

function Attachments({ items }: { items: readonly Attachment[] }) {
  if (items.length === 0) return null;
  return (
    <section className="detail-attachments" aria-label="Вложения">
      <h3>Вложения · {items.length}</h3>
      <ul>
        {items.map((a, i) => (
          <li key={i}>
            <span className="attachment-kind">{ATTACHMENT_LABELS[a.kind]}</span>{' '}
            <SafeLink url={a.url}>{urlLabel(excerptOf(a.url, 200))}</SafeLink>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Header({ row, local, nowMs }: { row: InboxRow | undefined; local: LocalAppeal | null; nowMs: number }) {
  const appeal = local?.appeal;
  const source = appeal?.source ?? row?.source;
  const channel = appeal?.channel.name ?? row?.channelName ?? '';
  const author = appeal?.author.name ?? row?.authorName ?? '';
  const received = appeal?.receivedAt ?? row?.receivedAt;
  return (
    <header className="detail-header">
      <div className="detail-source">
        {source ? <SourceBadge source={source} /> : null}
        <span>{source ? SOURCE_LABELS[source] : ''}</span>
        {received ? <time className="detail-time" dateTime={received}>{formatReceivedLong(received, nowMs)}</time> : null}
      </div>
      <dl className="detail-meta">
        <div><dt>Канал</dt><dd><SafeLink url={appeal?.channel.url}>{excerptOf(channel, 200)}</SafeLink></dd></div>
        <div><dt>Автор</dt><dd><SafeLink url={appeal?.author.url}>{excerptOf(author, 200)}</SafeLink></dd></div>
      </dl>
      {local?.pending ? <p className="detail-pending">Решение по обращению ещё не отправлено на сервер</p> : null}
    </header>
  );
}

export interface AppealDetailProps {
  selectedId: string | null;
  row: InboxRow | undefined;
  detail: DetailState | null;
  nowMs: number;
  /** The inbox shows routing suggestions; search results do not (their keys belong to the inbox). */
  suggestions?: boolean;
  /** Shown between the header and the text, e.g. where a search result stands. */
  status?: ReactNode;
  /** Shown under the text, e.g. the other appeals of a surge cluster (#6). */
  after?: ReactNode;
}

/** The appeal pane itself, fed by whichever list holds the selection (the inbox, the search results). */
export function AppealDetail({ selectedId, row, detail, nowMs, suggestions = true, status, after }: AppealDetailProps) {
  if (selectedId === null) {
    return <section className="detail detail-empty" aria-label="Обращение"><p>Выберите обращение в списке</p></section>;
  }
  const local = detail?.id === selectedId && detail.phase === 'ready' ? detail.local : null;
  return (
    <section className="detail" aria-label="Обращение" data-testid="appeal-detail" data-appeal-id={selectedId}>
      <Header row={row} local={local} nowMs={nowMs} />
      {status}
      {suggestions ? <SuggestionsBlock appealId={selectedId} /> : null}
      <div className="detail-body">
        {local ? (
          <>
            <AppealText text={local.appeal.text} />
            <Attachments items={local.appeal.attachments} />
          </>
        ) : detail?.id === selectedId && detail.phase === 'failed' ? (
          <p className="detail-error" role="alert">Не удалось открыть обращение: {detail.message}</p>
        ) : (
          <div className="detail-text loading" aria-busy="true">{row ? inertText(row.excerpt) : ''}</div>
        )}
        {after}
      </div>
    </section>
  );
}

export function DetailPane() {
  const selectedId = useDeskStore((s) => s.selectedId);
  const row = useDeskStore((s) => (s.selectedId === null ? undefined : s.rowsById.get(s.selectedId)));
  const detail = useDeskStore((s) => s.detail);
  const nowMs = useDeskStore((s) => s.nowMs);
  return <AppealDetail selectedId={selectedId} row={row} detail={detail} nowMs={nowMs}
    status={selectedId === null ? null : <HoldNotice appealId={selectedId} />}
    after={selectedId === null ? null : <ClusterBlock appealId={selectedId} />} />;
}
