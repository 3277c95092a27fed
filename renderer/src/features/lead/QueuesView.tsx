// «Очереди» (shift lead): per target and per operator — in work, routed today, overdue, median time to route;
// Enter drills into a queue's appeals, Shift+↑/↓ extends the selection, 1–9 or «/» re-route it in bulk, X rejects it
// (one decision per appeal, each sent on its own; the server checks the lead role again) — more than a few only after
// a question, more than one call takes not at all (reroute-plan.ts); PgDn/PgUp/Home/End page through either list;
// E / Shift+E export, the outcome in a toast over the page. Beside the queues, while none is open, «Смена сейчас»: S
// takes the list keys to its rows and back. A waiting appeal a colleague is reading says so on its row, and a decision
// taking it in asks for its key twice, as in the inbox (holds are advice: the second press decides).
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { HeldBy } from '../../../../shared/desk-api/team-contract.js';
import { heldInSelectionSentence } from '../../../../shared/team/held-words.js';
import { UNROUTED_QUEUE_LABEL, type QueueAppeal, type QueueGroup, type QueueRow, type Queues } from '../../../../shared/desk-api/lead-contract.js';
import { SOURCE_LABELS, type Decision, type RejectReason } from '../../../../shared/domain/appeal.js';
import { timeLeft } from '../../../../shared/deadlines/time-left.js';
import { formatCountRu } from '../../../../shared/text/number-ru.js';
import { APPEAL_FORMS, countRu } from '../../../../shared/text/plural-ru.js';
import { batchNotice, decisionNotice } from '../../lists/decidable-list.js';
import type { DecideVia } from '../../lists/decidable-list-types.js';
import { HoldConfirmation } from '../../lists/hold-confirmation.js';
import { InertLine } from '../../components/InertLine.js';
import { Keycap } from '../../components/Keycap.js';
import { keysFor, primaryKeyFor, type ShortcutAction } from '../shortcuts/shortcut-table.js';
import { deskCall, onDeskEvent } from '../../desk-client.js';
import { useDeskStore } from '../../store/desk-store.js';
import { deskDownRefusal } from '../sync/sync-status-text.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';
import { TargetPicker } from '../target-picker/TargetPicker.js';
import { ExportToast } from './ExportToast.js';
import { QueueAppealDialog } from './QueueAppealDialog.js';
import { RerouteConfirm } from './RerouteConfirm.js';
import { decisionQuestion, decisionVerb, reroutePlan } from './reroute-plan.js';
import { AdvisedRejectDialog } from '../reject/RejectDialog.js';
import { correctionNote } from './correction-note.js';
import { formatMinutes } from './format-minutes.js';
import { useExport } from './use-export.js';
import { ShiftNow, useShiftMemberCount } from '../team/ShiftNow.js';
import { HeldBadge } from '../team/HeldMark.js';
import { useHeldByName } from '../team/use-held-by.js';
import { WithdrawnBadge } from '../withdrawn/WithdrawnMark.js';
import '../../styles/lead.css';

const groupKey = (group: QueueGroup): string => `${group.by}:${group.key}`;

interface GroupLine {
  group: QueueGroup; label: string; row: QueueRow | null; waiting: number; overdue: number;
  /** Of a person: their decisions a lead corrected, their corrections today (correction-note.ts). */
  note?: string | null;
}

/** A section's title and what its «В работе» and «Просрочено» count: the same columns mean the body's work for a
 * target and the routing for an operator (an operator's answer-term lateness would be the body's, not theirs). */
interface Section { title: string; note: string }
// «за последние 7 дней», not «(7 дней)»: a helper's trial of 6 December read the bracket as the term itself (the terms
// are hours, the window is a week).
const BY_TARGET: Section = { title: 'По адресатам', note: 'просрочено — срок ответа истёк, за последние 7 дней' };
const BY_OPERATOR: Section = { title: 'По операторам', note: 'просрочено — направлено позже срока разбора, за последние 7 дней' };

function groupLines(q: Queues): { section: Section | null; line: GroupLine }[] {
  const lines: { section: Section | null; line: GroupLine }[] = [{
    section: null,
    line: { group: { by: 'unrouted', key: '' }, label: UNROUTED_QUEUE_LABEL, row: null, waiting: q.unrouted.waiting, overdue: q.unrouted.overdue },
  }];
  q.byTarget.forEach((row, i) => lines.push({ section: i === 0 ? BY_TARGET : null,
    line: { group: { by: 'target', key: row.key }, label: row.label, row, waiting: row.waiting, overdue: row.overdue } }));
  q.byOperator.forEach((row, i) => lines.push({ section: i === 0 ? BY_OPERATOR : null,
    line: { group: { by: 'operator', key: row.key }, label: row.label, row, waiting: row.waiting, overdue: row.overdue,
      note: correctionNote(row.corrected, row.corrections, 'сегодня') } }));
  return lines;
}

/** A re-route or rejection as the lead pressed it: the appeals then selected (what a question names is what Enter
 * sends). */
interface Reroute {
  appealIds: readonly string[]; decision: Decision; redecision: boolean;
  /** Who reads some of them (heldInSelectionSentence), said in the question; null when nobody does. */
  held: string | null;
}

const clamp = (n: number, max: number): number => Math.max(0, Math.min(max, n));

/** Rows of `itemSelector` that fit in the scrolling pane, less one kept for context (as a browser pages). */
function rowsPerPage(pane: HTMLElement | null, itemSelector: string): number {
  const item = pane?.querySelector<HTMLElement>(itemSelector);
  if (!pane || !item || item.offsetHeight === 0) return 10;
  return Math.max(1, Math.floor(pane.clientHeight / item.offsetHeight) - 1);
}

export function QueuesView() {
  const dialog = useDeskStore((s) => s.dialog);
  const favoriteIds = useDeskStore((s) => s.favoriteIds);
  const targetsById = useDeskStore((s) => s.targetsById);
  const nowMs = useDeskStore((s) => s.nowMs);
  const showNotice = useDeskStore((s) => s.showNotice);
  const showAlert = useDeskStore((s) => s.showAlert);
  const heldByOthers = useDeskStore((s) => s.heldByOthers);
  /** The colleague holding a row's appeal: only a waiting one can be held (the server holds only those). */
  const holderOf = (r: QueueAppeal): HeldBy | undefined => (r.status === 'new' ? heldByOthers.get(r.id) : undefined);
  const heldByName = useHeldByName();
  // One per screen: the first press on a held selection is remembered here until the second (or another selection).
  const [confirmation] = useState(() => new HoldConfirmation());
  const [queues, setQueues] = useState<Queues | null>(null);
  const [groupCursor, setGroupCursor] = useState(0);
  const [open, setOpen] = useState<GroupLine | null>(null);
  const [rows, setRows] = useState<readonly QueueAppeal[]>([]);
  const [cursor, setCursor] = useState(0);
  const [anchor, setAnchor] = useState(0);
  const [picker, setPicker] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [asking, setAsking] = useState<Reroute | null>(null);
  /** The appeal read whole (Enter on a row of an open queue), else null. */
  const [reading, setReading] = useState<string | null>(null);
  /** The «Смена сейчас» row the list keys are on, or null while they are on the queues (or an open queue). */
  const [shiftCursor, setShiftCursor] = useState<number | null>(null);
  const memberCount = useShiftMemberCount();
  const [exportState, startExport, dismissExport] = useExport();
  const idBase = useId();
  const groupsPane = useRef<HTMLElement>(null);
  const appealsPane = useRef<HTMLElement>(null);

  const lines = useMemo(() => (queues ? groupLines(queues) : []), [queues]);
  // The cursor is on a queue, not on a place in the list: a refresh that brings a new queue above it (a re-route to a
  // target that had none) keeps it on the same queue (trial: Esc came back to another queue). Adjusted while rendering,
  // React's pattern for state that follows a change of other state, so no frame shows it on the wrong row.
  const [linesSeen, setLinesSeen] = useState(lines);
  if (linesSeen !== lines) {
    setLinesSeen(lines);
    const was = linesSeen[groupCursor]?.line.group;
    const at = was ? lines.findIndex(({ line }) => groupKey(line.group) === groupKey(was)) : -1;
    const next = at >= 0 ? at : clamp(groupCursor, lines.length - 1);
    if (next !== groupCursor) setGroupCursor(next);
  }

  const reload = useCallback(async (group: QueueGroup | null) => {
    const q = await deskCall('queues.get', {});
    if (q.ok) setQueues(q.value);
    else showAlert(q.error.message);
    if (group) {
      const list = await deskCall('queues.appeals', group);
      if (list.ok) {
        setRows(list.value.rows);
        setCursor((c) => clamp(c, list.value.rows.length - 1));
        setAnchor((a) => clamp(a, list.value.rows.length - 1));
      }
    }
  }, [showAlert]);

  useEffect(() => {
    let live = true;
    void deskCall('queues.get', {}).then((q) => {
      if (!live) return;
      if (q.ok) setQueues(q.value);
      else showAlert(q.error.message);
    });
    return () => { live = false; };
  }, [showAlert]);
  useEffect(() => onDeskEvent('appeals.changed', () => { void reload(open?.group ?? null); }), [reload, open]);

  const selection = useMemo(() => {
    if (!open || rows.length === 0) return [];
    const [from, to] = anchor <= cursor ? [anchor, cursor] : [cursor, anchor];
    return rows.slice(from, to + 1);
  }, [open, rows, anchor, cursor]);

  const targetName = (id: string): string => targetsById.get(id)?.shortName ?? id;

  const send = async ({ appealIds, decision, redecision }: Reroute): Promise<void> => {
    // The notice ends only the alert on screen as the re-route starts (ui-slice.ts), not the one below.
    const since = useDeskStore.getState().alert?.seq ?? 0;
    const result = await deskCall('appeals.redecide', { appealIds: [...appealIds], decision });
    if (!result.ok) { showAlert(result.error.message); return; }
    const { acks, failed } = result.value;
    const notDone = decision.type === 'reject' ? 'Не отклонено' : 'Не перенаправлено';
    if (failed.length > 0) showAlert(`${notDone}: ${countRu(failed.length, APPEAL_FORMS)}. ${failed[0]?.message ?? ''}`);
    if (acks.length > 0) showNotice(batchNotice(decisionNotice(decision, targetName, redecision), acks.length, 'selection'), { since });
    setAnchor(cursor);
    await reload(open?.group ?? null);
  };

  /** What a re-route key does with this selection: at once, after a question, or refused (the key to narrow it named). */
  const planFor = (kind: Decision['type']) => reroutePlan(selection.length, keysFor('queues', 'extend-down'), kind);

  /**
   * The selection decided: at once, after the question, or refused (reroute-plan.ts), a route and a rejection alike.
   * Waiting appeals colleagues hold are named first: in the question, or (a few, sent at once) by the first press, the
   * same key again deciding (hold-confirmation.ts).
   */
  const decideSelection = (decision: Decision, via: DecideVia): void => {
    if (selection.length === 0) return;
    const down = deskDownRefusal(useDeskStore.getState().deskLink);
    if (down !== null) { showAlert(down); return; }
    const plan = planFor(decision.type);
    if (plan.kind === 'refuse') { showAlert(plan.message); return; }
    const holders = selection.map(holderOf).filter((h): h is HeldBy => h !== undefined);
    const appealIds = selection.map((r) => r.id);
    const held = holders.length > 0 ? heldInSelectionSentence(holders, selection.length) : null;
    const asked: Reroute = { appealIds, decision, redecision: selection.some((r) => r.decidedOnServer), held };
    if (plan.kind === 'confirm') { setAsking(asked); return; }
    if (held !== null && !confirmation.confirmOver(appealIds.join('\n'), decision, held, showAlert, via)) return;
    void send(asked);
  };
  const reroute = (targetId: string, via: DecideVia = 'key'): void => decideSelection({ type: 'route', targetId }, via);
  const reject = (reason: RejectReason): void => decideSelection({ type: 'reject', reason }, 'dialog');

  const drill = async (line: GroupLine): Promise<void> => {
    setShiftCursor(null);
    setOpen(line);
    setCursor(0);
    setAnchor(0);
    setRows([]);
    await reload(line.group);
  };

  /** The list keys on «Смена сейчас»'s rows; false for a key that works there as on the queues (E, R …). */
  const walkShift = (action: ShortcutAction): boolean => {
    const last = Math.max(0, memberCount - 1);
    const at = shiftCursor ?? 0;
    const page = rowsPerPage(appealsPane.current, '.shift-now tbody tr');
    switch (action) {
      case 'move-down': setShiftCursor(clamp(at + 1, last)); return true;
      case 'move-up': setShiftCursor(clamp(at - 1, last)); return true;
      case 'page-down': setShiftCursor(clamp(at + page, last)); return true;
      case 'page-up': setShiftCursor(clamp(at - page, last)); return true;
      case 'first': setShiftCursor(0); return true;
      case 'last': setShiftCursor(last); return true;
      case 'back':
      case 'show-shift': setShiftCursor(null); return true;
      // Nothing to open or select on a person; acting on the queue list while the keys are elsewhere would surprise.
      case 'open-group': case 'extend-down': case 'extend-up': case 'select-all': return true;
      default: return false;
    }
  };

  useShortcutScope('queues', dialog === null && !picker && !rejecting && asking === null && reading === null, ({ shortcut, digit }) => {
    // A first press on a held selection waits for the same key only: any other key (a move, ↑ back to it) starts over,
    // so the second press is never made unwarned (a second read of the change; the inbox's keySafe does the same).
    if (!['route-favorite', 'open-picker', 'open-reject'].includes(shortcut.action)) confirmation.clear();
    if (shiftCursor !== null && walkShift(shortcut.action)) return;
    const inAppeals = open !== null;
    const last = inAppeals ? rows.length - 1 : lines.length - 1;
    switch (shortcut.action) {
      case 'move-down':
      case 'move-up': {
        const delta = shortcut.action === 'move-down' ? 1 : -1;
        if (inAppeals) { const next = clamp(cursor + delta, last); setCursor(next); setAnchor(next); }
        else setGroupCursor(clamp(groupCursor + delta, last));
        break;
      }
      case 'page-down':
      case 'page-up':
      case 'first':
      case 'last': {
        const page = inAppeals ? rowsPerPage(appealsPane.current, '.queue-item')
          : rowsPerPage(groupsPane.current, 'tbody tr[aria-selected]');
        const from = inAppeals ? cursor : groupCursor;
        const to = shortcut.action === 'first' ? 0 : shortcut.action === 'last' ? last
          : clamp(from + (shortcut.action === 'page-down' ? page : -page), last);
        if (inAppeals) { setCursor(to); setAnchor(to); } else setGroupCursor(to);
        break;
      }
      case 'extend-down': if (inAppeals) setCursor(clamp(cursor + 1, last)); break;
      case 'extend-up': if (inAppeals) setCursor(clamp(cursor - 1, last)); break;
      case 'select-all': if (inAppeals && rows.length > 0) { setAnchor(0); setCursor(last); } break;
      case 'open-group': {
        const line = lines[groupCursor]?.line;
        if (!inAppeals && line) void drill(line);
        else if (inAppeals) setReading(rows[cursor]?.id ?? null);
        break;
      }
      case 'back': if (inAppeals) { setOpen(null); setRows([]); } break;
      case 'show-shift': setOpen(null); setRows([]); setShiftCursor(0); break;
      case 'route-favorite': {
        const targetId = digit === null ? undefined : favoriteIds[digit - 1];
        if (inAppeals && targetId) reroute(targetId);
        break;
      }
      case 'open-picker':
      case 'open-reject': {
        if (!inAppeals || selection.length === 0) break;
        // Refused before a target or a reason is chosen: the dialog would only lead to the same refusal.
        const plan = planFor(shortcut.action === 'open-reject' ? 'reject' : 'route');
        if (plan.kind === 'refuse') showAlert(plan.message);
        else if (shortcut.action === 'open-picker') setPicker(true);
        else setRejecting(true);
        break;
      }
      case 'export-xlsx':
      case 'export-csv': {
        const format = shortcut.action === 'export-xlsx' ? 'xlsx' : 'csv';
        const group = open?.group ?? lines[groupCursor]?.line.group;
        if (group) startExport({ kind: 'list', format, group });
        break;
      }
      case 'refresh': void reload(open?.group ?? null); break;
      default: break;
    }
  });

  return (
    <main className="lead-workspace" data-testid="queues-view" data-keys-on={shiftCursor === null ? 'queues' : 'shift'}>
      {/* Both panes scroll: each is one tab stop, so a keyboard user who tabs in can scroll it (axe
          scrollable-region-focusable) — the queues pane itself, the other pane itself or its open queue's list. */}
      <section ref={groupsPane} tabIndex={0} className="lead-pane queue-groups" aria-label="Очереди">
        <table className="lead-table">
          <thead>
            <tr><th>Очередь</th>
              <th className="num" title="Направлено, срок ответа ещё идёт">В работе</th>
              <th className="num" title="Направлено сегодня">Сегодня</th>
              <th className="num" title="Не разобрано: срок разбора истёк. Адресат: срок ответа истёк за последние 7 дней. Оператор: направлено позже срока разбора за последние 7 дней">Просрочено</th>
              <th className="num median" title="От получения до направления, сегодня">Медиана</th></tr>
          </thead>
          <tbody>
            {lines.map(({ section, line }, i) => [
              section ? (
                <tr key={`s-${section.title}`} className="lead-section">
                  <th colSpan={5}>{section.title} <span className="lead-section-note">{section.note}</span></th>
                </tr>
              ) : null,
              <tr key={groupKey(line.group)} aria-selected={i === groupCursor}
                ref={i === groupCursor ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
                className={open?.group.by === line.group.by && open.group.key === line.group.key ? 'open' : undefined}
                data-testid={`queue-${line.group.by}-${line.group.key || 'all'}`}
                onClick={() => { setGroupCursor(i); void drill(line); }}>
                <td className="queue-label">
                  <span className="queue-label-name">{line.label}</span>
                  {/* A lead's corrections stay apart from the routings counted here (the operator's row keeps them). */}
                  {line.note ? <span className="queue-label-note" data-testid="queue-correction-note">{line.note}</span> : null}
                  {line.row ? <span className="queue-label-median tabular">медиана {formatMinutes(line.row.medianRouteMinutes)}</span> : null}
                </td>
                <td className="num">{formatCountRu(line.waiting)}</td>
                <td className="num">{line.row ? formatCountRu(line.row.routedToday) : '—'}</td>
                <td className={line.overdue > 0 ? 'num overdue' : 'num'}>{formatCountRu(line.overdue)}</td>
                <td className="num median">{line.row ? formatMinutes(line.row.medianRouteMinutes) : '—'}</td>
              </tr>,
            ])}
          </tbody>
        </table>
        {queues === null ? <p className="muted lead-empty">Загрузка очередей…</p> : null}
      </section>
      {/* «Смена сейчас» takes the pane an open queue would: under the queues it was below the fold at 150 %. A tab stop
          of its own only then: an open queue's list is the stop (and makes the pane reachable for axe), and the pane
          before it was a second Tab with nothing to do there. -1, not none: the pane the lead had tabbed to when Enter
          opened a queue keeps the focus instead of dropping it to the page. */}
      <section ref={appealsPane} tabIndex={open === null ? 0 : -1} className="lead-pane queue-appeals" aria-label={open === null ? 'Смена сейчас' : 'Обращения очереди'}>
        {open === null ? (
          <>
            <p className="muted lead-empty">Выберите очередь (<Keycap keys={primaryKeyFor('queues', 'move-up')} /> <Keycap keys={primaryKeyFor('queues', 'move-down')} />) и нажмите <Keycap keys={primaryKeyFor('queues', 'open-group')} />.</p>
            <ShiftNow cursor={shiftCursor} hint={shiftCursor === null
              ? <><Keycap keys={keysFor('queues', 'show-shift')} /> перейти к сотрудникам</>
              : <><Keycap keys={keysFor('queues', 'show-shift')} /> <Keycap keys={primaryKeyFor('queues', 'back')} /> назад к очередям</>} />
          </>
        ) : (
          <>
            <header className="lead-pane-head">
              <h2>{open.label}</h2>
              <span className="muted tabular" data-testid="queue-count">
                {countRu(rows.length, APPEAL_FORMS)} · выделено {formatCountRu(selection.length)}
              </span>
            </header>
            {/* In the tab order with the cursor as its active option: the list scrolls, so keyboard users must be able
                to reach it (axe: scrollable-region-focusable); the keys themselves are the window's. */}
            <ul className="queue-list" role="listbox" aria-multiselectable="true" aria-label={open.label} tabIndex={0}
              aria-activedescendant={rows.length > 0 ? `${idBase}-${cursor}` : undefined}>
              {rows.map((r, i) => {
                const due = r.status === 'new' ? r.routeDueAt : r.answerDueAt;
                const left = due === null ? null : timeLeft(Date.parse(due), nowMs);
                const selected = selection.includes(r);
                const holder = holderOf(r);
                return (
                  <li key={r.id} id={`${idBase}-${i}`} role="option" aria-selected={selected} data-id={r.id}
                    data-held-by={holder ? heldByName(r.id) : undefined}
                    className={`queue-item${i === cursor ? ' cursor' : ''}${holder ? ' held' : ''}`}
                    ref={i === cursor ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}>
                    <span className="queue-item-main">
                      {/* A routed appeal its author withdrew afterwards keeps its decision: the lead sees the mark (issue 14). */}
                      <span className="queue-excerpt"><WithdrawnBadge iso={r.withdrawnAt} />{holder ? <HeldBadge appealId={r.id} /> : null}<InertLine text={r.excerpt} /></span>
                      <span className="muted">{SOURCE_LABELS[r.source]}
                        {r.targetId ? ` · ${targetsById.get(r.targetId)?.shortName ?? r.targetId}` : ''}
                        {r.firstDecidedBy ? ` · ${r.firstDecidedBy}, исправлено: ${r.decidedBy ?? ''}` : r.decidedBy ? ` · ${r.decidedBy}` : ''}
                        {r.pending ? ' · не отправлено' : ''}</span>
                    </span>
                    {/* The words where the pane has room; on a narrow one (150 %) the inbox's compact «−26 дн. 12 ч», the
                        words in the tooltip: «просрочено на 26 дн. 12 ч» took half the row from the text (lead.css). */}
                    {left ? (
                      <span className={left.overdue ? 'time-left overdue' : 'time-left'} title={left.text}>
                        <span className="time-left-words">{left.text}</span><span className="time-left-compact" aria-hidden="true">{left.compact}</span>
                      </span>
                    ) : null}
                  </li>
                );
              })}
              {rows.length === 0 ? <li className="muted lead-empty">В этой очереди пусто</li> : null}
            </ul>
          </>
        )}
      </section>
      <footer className="lead-hints">
        <span><Keycap keys={primaryKeyFor('queues', 'open-group')} /> открыть</span>
        {/* Ctrl+A too: the lead selecting a whole queue found it only in «?» (a helper's trial of 5 December). */}
        <span><Keycap keys={keysFor('queues', 'extend-down')} /> <Keycap keys={keysFor('queues', 'select-all')} /> выделить</span>
        <span><Keycap keys={keysFor('queues', 'route-favorite')} /> <Keycap keys={keysFor('queues', 'open-picker')} /> перенаправить</span>
        <span><Keycap keys={keysFor('queues', 'open-reject')} /> отклонить</span>
        <span><Keycap keys={keysFor('queues', 'export-xlsx')} /> XLSX · <Keycap keys={keysFor('queues', 'export-csv')} /> CSV</span>
        <span><Keycap keys={keysFor('queues', 'page-down')} /> <Keycap keys={keysFor('queues', 'page-up')} /> по страницам</span>
        <span><Keycap keys={keysFor('queues', 'refresh')} /> обновить</span>
        <span><Keycap keys={keysFor('queues', 'show-shift')} /> смена сейчас</span>
        <span><Keycap keys={primaryKeyFor('queues', 'back')} /> назад</span>
      </footer>
      <ExportToast state={exportState} keysActive={dialog === null && !picker && !rejecting && asking === null} onDismiss={dismissExport} />
      {picker ? <TargetPicker onChoose={(targetId) => reroute(targetId, 'dialog')} onClose={() => setPicker(false)}
        {...(selection.length > 1 ? { title: `Направить ${countRu(selection.length, APPEAL_FORMS)}` } : {})} /> : null}
      {rejecting ? <AdvisedRejectDialog appealIds={selection.map((r) => r.id)} onChoose={reject} onClose={() => setRejecting(false)} /> : null}
      {reading !== null ? <QueueAppealDialog appealId={reading} onClose={() => setReading(null)} /> : null}
      {asking !== null && open !== null ? (
        <RerouteConfirm question={decisionQuestion(asking.appealIds.length, asking.decision, targetName, asking.redecision)}
          held={asking.held}
          verb={decisionVerb(asking.decision, asking.redecision)} queueLabel={open.label} onCancel={() => setAsking(null)}
          onConfirm={() => { setAsking(null); void send(asking); }} />
      ) : null}
    </main>
  );
}
