// «Статистика»: appeals per day by source, by topic (keyword rules on the text, shared/topics) and by target,
// time-to-route distribution and operator throughput, for a chosen period. Computed by the core from the local
// cache, so it works offline; E exports the monthly report with the very same numbers. The page's keys stay at the
// screen's foot as it scrolls: at the foot of a page taller than the screen (1366×768 at 150 %) nobody saw E.
import { useEffect, useRef, useState } from 'react';
import type { Stats, StatsPeriod } from '../../../../shared/desk-api/lead-contract.js';
import {
  addDays, localDay, monthStartOf, previousMonthEndOf,
} from '../../../../shared/domain/day-bounds.js';
import { SOURCE_LABELS, SOURCES } from '../../../../shared/domain/appeal.js';
import { formatCountRu } from '../../../../shared/text/number-ru.js';
import { Keycap } from '../../components/Keycap.js';
import { centreOffsetMinutes, formatDayRu, formatMonthRu } from '../../time/novosibirsk-time.js';
import { keysFor, slotKeyFor } from '../shortcuts/shortcut-table.js';
import { deskCall } from '../../desk-client.js';
import { useDeskStore } from '../../store/desk-store.js';
import { useShortcutScope } from '../shortcuts/use-shortcut-scope.js';
import { HBars, Histogram, SOURCE_TEXT_COLORS, StackedDays } from './charts.js';
import { ExportToast } from './ExportToast.js';
import { correctionNote } from './correction-note.js';
import { formatMinutes } from './format-minutes.js';
import { topWithRest } from './top-with-rest.js';
import { useExport } from './use-export.js';
import '../../styles/lead.css';

/** Bars of «По адресатам»; the rest are one line (top-with-rest.ts). */
const TARGETS_SHOWN = 12;

export const PERIODS = ['7 дней', '30 дней', 'Этот месяц', 'Прошлый месяц'] as const;

/** The period for choice `i` of PERIODS, in local days of the desk's time model (shared/domain/day-bounds.ts). */
export function periodFor(choice: number, nowMs: number, utcOffsetMinutes = centreOffsetMinutes()): StatsPeriod {
  const today = localDay(nowMs, utcOffsetMinutes);
  switch (choice) {
    case 0: return { from: addDays(today, -6), to: today };
    case 1: return { from: addDays(today, -29), to: today };
    case 2: return { from: monthStartOf(today), to: today };
    default: {
      const to = previousMonthEndOf(today);
      return { from: monthStartOf(to), to };
    }
  }
}

export function StatsView() {
  const dialog = useDeskStore((s) => s.dialog);
  const nowMs = useDeskStore((s) => s.nowMs);
  const [choice, setChoice] = useState(1);
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exportState, startExport, dismissExport] = useExport();
  const [seq, setSeq] = useState(0);
  const period = periodFor(choice, nowMs);
  /** The monthly report's month: the calendar month of the period's last day (E writes it; the footer names it). */
  const reportMonth = period.to.slice(0, 7);
  const pageRef = useRef<HTMLElement>(null);

  useEffect(() => {
    let live = true;
    void deskCall('stats.get', period).then((r) => {
      if (!live) return;
      if (r.ok) { setStats(r.value); setError(null); } else setError(r.error.message);
    });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [period.from, period.to, seq]);

  useShortcutScope('stats', dialog === null, ({ shortcut, digit }) => {
    switch (shortcut.action) {
      case 'choose-period': if (digit !== null) setChoice(digit - 1); break;
      case 'export-xlsx':
      case 'export-csv':
        startExport({ kind: 'monthly', month: reportMonth, format: shortcut.action === 'export-xlsx' ? 'xlsx' : 'csv' });
        break;
      case 'refresh': setSeq((n) => n + 1); break;
      case 'page-down':
      case 'page-up': {
        // A page less a line of overlap, as a browser pages, so the reader keeps their place.
        const el = pageRef.current;
        if (el) el.scrollBy({ top: (shortcut.action === 'page-down' ? 1 : -1) * Math.max(40, el.clientHeight - 40) });
        break;
      }
      case 'first':
      case 'last': {
        const el = pageRef.current;
        if (el) el.scrollTo({ top: shortcut.action === 'first' ? 0 : el.scrollHeight });
        break;
      }
      default: break;
    }
  });

  const t = stats?.totals;
  return (
    <main ref={pageRef} className="stats-workspace" data-testid="stats-view">
      <header className="stats-head">
        <div className="period-choice" role="radiogroup" aria-label="Период">
          {PERIODS.map((label, i) => (
            <button key={label} type="button" role="radio" aria-checked={i === choice}
              className={i === choice ? 'btn btn-primary' : 'btn'} onClick={() => setChoice(i)}>
              <Keycap keys={slotKeyFor('stats', 'choose-period', i + 1)} className="faint" /> {label}
            </button>
          ))}
        </div>
        <span className="muted">{formatDayRu(period.from)} — {formatDayRu(period.to)}, время новосибирское</span>
      </header>
      {error ? <p className="error-text lead-empty" role="alert">{error}</p> : null}
      {stats && t ? (
        <div className="stats-grid">
          <section className="stats-card totals" aria-label="Итоги">
            <div><b className="big tabular" data-testid="stats-received">{formatCountRu(t.received)}</b><span>поступило</span></div>
            {SOURCES.map((s) => (
              <div key={s}><b className="tabular" style={{ color: SOURCE_TEXT_COLORS[s] }}>{formatCountRu(stats.bySource[s])}</b><span>{SOURCE_LABELS[s]}</span></div>
            ))}
            <div><b className="tabular">{formatCountRu(t.routed)}</b><span>направлено</span></div>
            <div><b className="tabular">{formatCountRu(t.rejected)}</b><span>отклонено</span></div>
            {t.withdrawn !== undefined ? <div><b className="tabular" data-testid="stats-withdrawn">{formatCountRu(t.withdrawn)}</b><span>отозвано авторами</span></div> : null}
            <div><b className="tabular">{formatCountRu(t.waiting)}</b><span>ждут решения</span></div>
            <div><b className={t.routedLate > 0 ? 'tabular overdue' : 'tabular'}>{formatCountRu(t.routedLate)}</b><span>направлено с опозданием</span></div>
          </section>
          <section className="stats-card wide"><h3>Обращения по дням</h3><StackedDays days={stats.perDay} /></section>
          <section className="stats-card"><h3>По темам <span className="muted">(по ключевым словам текста)</span></h3>
            <HBars items={stats.byTopic} label="Обращения по темам" color="#4a5465" /></section>
          <section className="stats-card"><h3>По адресатам <span className="muted">(направленные)</span></h3>
            {stats.byTarget.length > 0
              ? <HBars items={topWithRest(stats.byTarget.map((x) => ({ key: x.targetId, label: x.label, count: x.count })), TARGETS_SHOWN)}
                label="Направлено по адресатам" />
              : <p className="muted">За период ничего не направлено.</p>}</section>
          {stats.byRejectReason !== undefined ? (
            <section className="stats-card" data-testid="stats-reject-reasons"><h3>Отклонено по причинам</h3>
              {stats.byRejectReason.length > 0
                ? <HBars items={stats.byRejectReason.map((r) => ({ key: r.reason, label: r.label, count: r.count }))} label="Отклонено по причинам" color="#4a5465" />
                : <p className="muted">За период ничего не отклонено.</p>}</section>
          ) : null}
          <section className="stats-card"><h3>Время до направления <span className="muted">медиана {formatMinutes(stats.routeTime.medianMinutes)}</span></h3>
            <Histogram buckets={stats.routeTime.buckets} /></section>
          <section className="stats-card"><h3>Операторы <span className="muted">(решений · медиана до направления)</span></h3>
            {/* Bars are first-hand decisions; a lead's corrections are named under the name, never added to them. */}
            {stats.operators.length > 0 ? (
              <HBars items={stats.operators.map((o) => ({ key: o.id, label: o.name, count: o.decided,
                note: formatMinutes(o.medianRouteMinutes), detail: correctionNote(o.corrected, o.corrections) }))}
                label="Решений по операторам" color="#1d4fb3" noteHead="Медиана до направления" />
            ) : <p className="muted">За период решений нет.</p>}</section>
        </div>
      ) : <p className="muted lead-empty">Считаем статистику…</p>}
      {/* Sticky at the screen's foot (lead.css): the keys stay in view wherever the page is scrolled. */}
      <footer className="lead-hints" data-testid="stats-keys">
        <span><Keycap keys={keysFor('stats', 'choose-period')} /> период</span>
        {/* The month by name: the report is for the calendar month of the period's last day, not for the period
            shown (a trial of 6 December: «30 дней» on screen, E wrote December's report). */}
        <span><Keycap keys={keysFor('stats', 'export-xlsx')} /> отчёт за {formatMonthRu(reportMonth)} XLSX · <Keycap keys={keysFor('stats', 'export-csv')} /> CSV</span>
        <span><Keycap keys={keysFor('stats', 'refresh')} /> пересчитать</span>
        <span><Keycap keys={keysFor('stats', 'page-down')} /> <Keycap keys={keysFor('stats', 'page-up')} /> прокрутка</span>
        <span><Keycap keys={keysFor('stats', 'first')} /> <Keycap keys={keysFor('stats', 'last')} /> в начало / в конец</span>
      </footer>
      <ExportToast state={exportState} keysActive={dialog === null} onDismiss={dismissExport} />
    </main>
  );
}
