// The «Отозвано автором» mark (issue 14 item 6): a badge on the grid row (a sign and a word, never colour alone, the
// time in its tooltip) and a banner in the detail pane with the time and the key that rejects it as withdrawn. The
// key hint is generated from the binding (keysFor), like every other hint.
import { Keycap } from '../../components/Keycap.js';
import { useDeskStore } from '../../store/desk-store.js';
import { keysFor, type ShortcutScope } from '../shortcuts/shortcut-table.js';
import { formatReceivedLong } from '../../time/novosibirsk-time.js';
import { WITHDRAWN_WORD, withdrawnWhen } from './withdrawn-text.js';
import './withdrawn.css';

export function WithdrawnBadge({ iso }: { iso: string | null | undefined }) {
  const nowMs = useDeskStore((s) => s.nowMs);
  if (iso === null || iso === undefined) return null;
  return (
    <span className="withdrawn-badge" data-testid="withdrawn-badge" title={withdrawnWhen(iso, nowMs)}>
      <span aria-hidden="true">⌫ </span>{WITHDRAWN_WORD}
    </span>
  );
}

export function WithdrawnBanner({ iso, keyScope, nowMs, foldedGroup = false }: {
  iso: string | null | undefined; keyScope: ShortcutScope; nowMs: number;
  /** The appeal is the face of a folded surge group: the key acts on one appeal only, so the group is unfolded first. */
  foldedGroup?: boolean;
}) {
  if (iso === null || iso === undefined) return null;
  // Only where the section binds the key (the inbox; search results decide with X).
  const bound = keysFor(keyScope, 'reject-withdrawn') !== '';
  const unfoldFirst = bound && foldedGroup && keysFor(keyScope, 'toggle-cluster') !== '';
  // Compact (QA, 1366×768: three lines at 150 % left no line of the appeal's text on screen): the word and when, then
  // the key, each whole and on one line where the pane has room (withdrawn.css); the full sentence in the tooltip.
  return (
    <p className="withdrawn-banner" data-testid="withdrawn-banner" role="note" title={`${withdrawnWhen(iso, nowMs)}.`}>
      <span className="withdrawn-banner-what"><b>{WITHDRAWN_WORD}</b><span className="withdrawn-banner-when" aria-hidden="true">{' '}
        {formatReceivedLong(iso, nowMs)}</span></span>
      {/* When, whole, for a screen reader (the time on screen gives way on a narrow pane; the title is no help without a pointer). */}
      <span className="visually-hidden">{withdrawnWhen(iso, nowMs)}.</span>
      {unfoldFirst
        ? <span className="withdrawn-banner-group">Это одно обращение группы: <Keycap keys={keysFor(keyScope, 'toggle-cluster')} />{' '}
          раскрыть, затем <Keycap keys={keysFor(keyScope, 'reject-withdrawn')} /> отклонить его</span>
        : bound ? <span className="withdrawn-banner-key"><Keycap keys={keysFor(keyScope, 'reject-withdrawn')} /> отклонить
          <span className="withdrawn-banner-more"> как отозванное</span></span> : null}
    </p>
  );
}
