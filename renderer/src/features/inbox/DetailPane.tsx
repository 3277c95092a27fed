// The selected appeal in full. Citizen text is hostile: React text nodes only (never HTML), run through
// inertText() to strip controls and bidi overrides; links only for https, shown by their domain.
// Reading comes first (issue 13): a two-line header, then the text with the most room the pane has; photos, links and
// the cluster follow it in the same scrolling column, paged with Space / Shift+Space. The routing suggestions are not
// in that column: they are pinned at the pane's foot, right above the route panel, one height whatever they hold, so
// what Enter / Q / W route to is on screen for a one-line appeal and a 5,000-character one alike, at 100 % and 150 %
// (a column that put them under the text hid them below the fold at 1366×768 @150 %).
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { InboxRow, LocalAppeal } from '../../../../shared/desk-api/contract.js';
import { SOURCE_LABELS, type Attachment } from '../../../../shared/domain/appeal.js';
import { excerptOf, inertText, isBlankText } from '../../../../shared/text/inert-text.js';
import { Keycap } from '../../components/Keycap.js';
import { SafeLink } from '../../components/SafeLink.js';
import { SourceBadge } from '../../components/SourceBadge.js';
import { useDeskStore } from '../../store/desk-store.js';
import type { DetailState } from '../../store/state-types.js';
import { SuggestionsBlock } from '../suggestions/SuggestionsBlock.js';
import { ClusterBlock } from '../clusters/ClusterBlock.js';
import { HoldNotice } from '../team/HeldMark.js';
import { formatReceivedLong } from '../../time/novosibirsk-time.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { DETAIL_SCROLL_ATTR } from '../detail/detail-keys.js';
import { PhotoStrip } from '../detail/PhotoStrip.js';
import { PhotoViewer } from '../detail/PhotoViewer.js';
import { linesIn, photosIn } from '../detail/photos.js';
import { WithdrawnBanner } from '../withdrawn/WithdrawnMark.js';

const ATTACHMENT_LABELS: Record<Attachment['kind'], string> = { photo: 'Фото', video: 'Видео', link: 'Ссылка' };

// A 100 KB post is one text node: cheap for the browser, and memoised so selection changes elsewhere skip it.
const AppealText = memo(function AppealText({ text }: { text: string }) {
  const clean = useMemo(() => inertText(text), [text]);
  // An empty pane read as «not loaded yet» (trial): say there is no text, muted, so it is not taken for the citizen's.
  if (isBlankText(clean)) return <div className="detail-text detail-text-none" data-testid="detail-no-text">Без текста</div>;
  return <div className="detail-text" lang="ru">{clean}</div>;
});

/** Videos, links and photos that cannot be shown as pictures: one line each, by domain (full address on hover). */
function AttachmentLines({ items }: { items: readonly Attachment[] }) {
  if (items.length === 0) return null;
  return (
    <section className="detail-attachments" aria-label="Ссылки">
      <h3 className="detail-section-title">Ссылки · {items.length}</h3>
      <ul>
        {items.map((a, i) => (
          <li key={i}>
            <span className="attachment-kind">{ATTACHMENT_LABELS[a.kind]}</span>
            <SafeLink url={a.url} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Header({ row, local, nowMs, loading, note }: {
  row: InboxRow | undefined; local: LocalAppeal | null; nowMs: number; loading: boolean; note: ReactNode;
}) {
  const appeal = local?.appeal;
  const source = appeal?.source ?? row?.source;
  const channel = excerptOf(appeal?.channel.name ?? row?.channelName ?? '', 200);
  const author = excerptOf(appeal?.author.name ?? row?.authorName ?? '', 200);
  // Where the author's profile says they live (a VK profile's city): the routing reads it when nothing else names a
  // place, so the operator sees it beside the name.
  const authorPlace = excerptOf(appeal?.author.place ?? '', 100);
  const received = appeal?.receivedAt ?? row?.receivedAt;
  const hasChannel = !isBlankText(channel);
  const hasAuthor = !isBlankText(author);
  return (
    <header className="detail-header">
      <div className="detail-source">
        {source ? <SourceBadge source={source} /> : null}
        <span className="detail-source-name">{source ? SOURCE_LABELS[source] : ''}</span>
        {/* E.g. who else is reading it: in this line, in place of the source's name when there (detail.css). */}
        {note}
        {/* The text below is not this appeal's yet (the previous one's, dimmed, or its excerpt): the header says so. */}
        {loading ? <span className="detail-loading" data-testid="detail-loading">загрузка…</span> : null}
        {received ? <time className="detail-time" dateTime={received}>{formatReceivedLong(received, nowMs)}</time> : null}
      </div>
      {/* Channel and author share one line; each is cut with «…» and named whole in its tooltip. The separator only
          between two names, and a muted line when the platform gave neither: a lone «·» read as a rendering fault
          (trial). The line is always there, so the text below never moves. */}
      <p className="detail-meta">
        {hasChannel ? (
          <span className="detail-meta-item" title={`Канал: ${channel}`}>
            <span className="visually-hidden">Канал: </span><SafeLink url={appeal?.channel.url}>{channel}</SafeLink>
          </span>
        ) : null}
        {hasChannel && hasAuthor ? <span className="detail-meta-sep" aria-hidden="true">·</span> : null}
        {hasAuthor ? (
          <span className="detail-meta-item" title={`Автор: ${author}${authorPlace ? `, в профиле: ${authorPlace}` : ''}`}>
            <span className="visually-hidden">Автор: </span><SafeLink url={appeal?.author.url}>{author}</SafeLink>
            {authorPlace ? (
              <span className="detail-author-place" data-testid="author-place">
                <span className="visually-hidden">, в профиле: </span><span aria-hidden="true"> · </span>{authorPlace}
              </span>
            ) : null}
          </span>
        ) : null}
        {!hasChannel && !hasAuthor ? <span className="muted" data-testid="no-meta">Канал и автор не указаны</span> : null}
      </p>
      {local?.pending ? <p className="detail-pending">Решение по обращению ещё не отправлено на сервер</p> : null}
    </header>
  );
}

/** «Space дальше» at the foot of the text while there is more below (it pins to the bottom edge as it scrolls). */
function MoreBelow({ more, keyScope }: { more: boolean; keyScope: 'inbox' | 'search' }) {
  return (
    <div className="detail-more" data-more={more || undefined} aria-hidden="true">
      {more ? <span className="detail-more-hint"><Keycap keys={keysFor(keyScope, 'scroll-detail-down')} /> дальше</span> : null}
    </div>
  );
}

/** The scrolling column: back at the top for every appeal, and knows whether there is more to read below. */
function DetailBody({ appealId, keyScope, children }: { appealId: string; keyScope: 'inbox' | 'search'; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  useLayoutEffect(() => {
    if (ref.current) ref.current.scrollTop = 0;
  }, [appealId]);
  useEffect(() => {
    const box = ref.current;
    if (box === null) return undefined;
    const measure = (): void => setMore(box.scrollTop + box.clientHeight < box.scrollHeight - 4);
    measure();
    // The text loads after the selection is painted and photos arrive late: watch the content's size too.
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    for (const child of box.children) observer.observe(child);
    box.addEventListener('scroll', measure, { passive: true });
    return () => { observer.disconnect(); box.removeEventListener('scroll', measure); };
  });
  return (
    // In the tab order: a scrolling region must be reachable by keyboard (axe), and Space pages it from anywhere.
    <div ref={ref} className="detail-body" {...{ [DETAIL_SCROLL_ATTR]: '' }} tabIndex={0} role="region"
      aria-label="Текст обращения">
      {children}
      <MoreBelow more={more} keyScope={keyScope} />
    </div>
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
  /** Shown in the header's first line in place of the source's name, e.g. a colleague's hold (#9): it covers nothing. */
  headerNote?: ReactNode;
  /** Shown under the text, e.g. the other appeals of a surge cluster (#6). */
  after?: ReactNode;
}

/** The appeal pane itself, fed by whichever list holds the selection (the inbox, the search results). */
export function AppealDetail({ selectedId, row, detail, nowMs, suggestions = true, status, headerNote, after }: AppealDetailProps) {
  // The key hints name the keys of the section on screen (they may be remapped per section).
  const keyScope = useDeskStore((s) => (s.view === 'search' ? 'search' : 'inbox'));
  const viewerOpen = useDeskStore((s) => s.dialog === 'photos');
  const foldedGroup = useDeskStore((s) => {
    const cluster = s.view === 'inbox' && s.selectedId !== null ? s.clusterOf.get(s.selectedId) : undefined;
    return cluster !== undefined && !s.expandedClusters.has(cluster.clusterId);
  });
  const local = selectedId !== null && detail?.id === selectedId && detail.phase === 'ready' ? detail.local : null;
  const failed = selectedId !== null && detail?.id === selectedId && detail.phase === 'failed' ? detail.message : null;
  // The last appeal painted whole. A held ↓ (about 30 presses a second) outruns the prefetch (store/detail-loader.ts):
  // until the new appeal arrives its predecessor stays in place, dimmed, inert and marked stale (aria-busy, the header
  // says «загрузка…»), instead of a grey excerpt that collapses the column and brings it back a frame later. Kept
  // here, from what was rendered anyway: no extra core call on the key's path.
  const [lastShown, setLastShown] = useState<LocalAppeal | null>(null);
  if (local !== null && local !== lastShown) setLastShown(local);
  else if (selectedId === null && lastShown !== null) setLastShown(null); // no citizen text outlives the list
  const loading = local === null && failed === null;
  const stale = loading ? lastShown : null;
  const shown = local ?? stale;
  const attachments = shown?.appeal.attachments;
  const photos = useMemo(() => photosIn(attachments ?? []), [attachments]);
  const lines = useMemo(() => linesIn(attachments ?? []), [attachments]);
  if (selectedId === null) {
    // The viewer stays while open even if the list empties under it (a colleague decided the last appeal): it is
    // the dialog holding the keys, and only it can give them back (Esc).
    return (
      <section className="detail detail-empty" aria-label="Обращение">
        <p>Выберите обращение в списке</p>
        {viewerOpen ? <PhotoViewer photos={[]} /> : null}
      </section>
    );
  }
  return (
    <section className="detail" aria-label="Обращение" data-testid="appeal-detail" data-appeal-id={selectedId}
      aria-busy={loading ? true : undefined}>
      <Header row={row} local={local} nowMs={nowMs} loading={loading} note={headerNote} />
      {/* The appeal as loaded knows best (a restore clears it); the row says so while the appeal loads. */}
      <WithdrawnBanner iso={local ? local.appeal.withdrawnAt : row?.withdrawnAt} keyScope={keyScope} nowMs={nowMs}
        foldedGroup={foldedGroup} />
      {status}
      <DetailBody appealId={selectedId} keyScope={keyScope}>
        {/* One wrapper whether fresh or stale, so the (possibly 100 KB) text element is kept, not remounted, as the
            selection moves; stale, it is out of the focus order and of what a screen reader reads as this appeal. */}
        <div className="detail-content" data-stale={stale ? stale.appeal.id : undefined} inert={stale !== null}>
          {/* While loading, the new appeal's own excerpt from its row. Stale, the previous appeal's content only keeps
              the room (hidden, in the same grid cell, detail.css): what can be read is this excerpt, so nobody reads
              one appeal and routes the next (a second read). */}
          {loading ? (
            <div className={stale ? 'detail-stale-excerpt' : 'detail-text loading'} aria-busy="true">
              {row ? inertText(row.excerpt) : ''}
            </div>
          ) : null}
          {shown ? (
            <div className="detail-shown">
              <AppealText text={shown.appeal.text} />
              <PhotoStrip photos={photos} keyScope={keyScope} />
              <AttachmentLines items={lines} />
            </div>
          ) : failed !== null ? (
            <p className="detail-error" role="alert">Не удалось открыть обращение: {failed}</p>
          ) : null}
        </div>
        {after}
      </DetailBody>
      {suggestions ? <SuggestionsBlock appealId={selectedId} /> : null}
      {viewerOpen ? <PhotoViewer photos={stale ? [] : photos} /> : null}
    </section>
  );
}

export function DetailPane() {
  const selectedId = useDeskStore((s) => s.selectedId);
  const row = useDeskStore((s) => (s.selectedId === null ? undefined : s.rowsById.get(s.selectedId)));
  const detail = useDeskStore((s) => s.detail);
  const nowMs = useDeskStore((s) => s.nowMs);
  return <AppealDetail selectedId={selectedId} row={row} detail={detail} nowMs={nowMs}
    headerNote={selectedId === null ? null : <HoldNotice appealId={selectedId} />}
    after={selectedId === null ? null : <ClusterBlock appealId={selectedId} />} />;
}
