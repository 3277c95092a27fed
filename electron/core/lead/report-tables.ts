// The content of the exports as plain tables: the monthly report (from computeStats, the same figures as the
// statistics screen) and a list of appeals. The XLSX and CSV writers both render these tables.
import type { QueueAppeal, Stats } from '../../../shared/desk-api/lead-contract.js';
import { SOURCE_LABELS, SOURCES } from '../../../shared/domain/appeal.js';

/**
 * A date or a moment as the centre's wall clock shows it: `wall` is a Date whose UTC fields are the local day and
 * time (so 23:30 at UTC+7 is 23:30, not 16:30). XLSX writes it as a real Excel date, CSV as «ДД.ММ.ГГГГ чч:мм» text.
 */
export interface DateCell { readonly wall: Date; readonly withTime: boolean }
export type Cell = string | number | null | DateCell;

export const isDateCell = (cell: Cell): cell is DateCell => typeof cell === 'object' && cell !== null;
export interface ReportTable {
  name: string;
  header: string[];
  rows: Cell[][];
}

const STATUS_LABELS = { new: 'Ждёт решения', routed: 'Направлено', rejected: 'Отклонено' } as const;

export function monthlyReportTables(stats: Stats): ReportTable[] {
  const t = stats.totals;
  return [
    {
      name: 'Сводка',
      header: ['Показатель', 'Значение'],
      rows: [
        ['Период', `${dayText(stats.period.from)} — ${dayText(stats.period.to)}`],
        ['Поступило сообщений', t.received],
        ...SOURCES.map((s): Cell[] => [`  в т. ч. ${SOURCE_LABELS[s]}`, stats.bySource[s]]),
        ['Направлено адресатам', t.routed],
        ['Отклонено', t.rejected],
        ['Ждут решения', t.waiting],
        ['Направлено позже срока', t.routedLate],
        ['Медиана времени до направления, мин', stats.routeTime.medianMinutes],
      ],
    },
    {
      name: 'По дням',
      header: ['Дата', ...SOURCES.map((s) => SOURCE_LABELS[s]), 'Всего'],
      rows: stats.perDay.map((d) => [dayCell(d.date), ...SOURCES.map((s) => d.counts[s]), SOURCES.reduce((n, s) => n + d.counts[s], 0)]),
    },
    { name: 'По темам', header: ['Тема', 'Сообщений'], rows: stats.byTopic.map((x) => [x.label, x.count]) },
    { name: 'По адресатам', header: ['Адресат', 'Направлено'], rows: stats.byTarget.map((x) => [x.label, x.count]) },
    { name: 'Время до направления', header: ['Интервал', 'Сообщений'], rows: stats.routeTime.buckets.map((b) => [b.label, b.count]) },
    {
      name: 'Операторы',
      // Decisions are the first decider's work; a lead's change of them is a correction, in columns of its own.
      header: ['Оператор', 'Решений', 'Направлено', 'Отклонено', 'Медиана до направления, мин', 'Исправлено старшим',
        'Исправил чужих решений'],
      rows: stats.operators.map((o) => [o.name, o.decided, o.routed, o.rejected, o.medianRouteMinutes, o.corrected,
        o.corrections]),
    },
  ];
}

/** A calendar day «2026-12-02» (already local) as a date cell. */
const dayCell = (day: string): DateCell => ({ wall: new Date(`${day}T00:00:00Z`), withTime: false });
const dayText = (day: string): string => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

/** A stored UTC moment as the centre's wall-clock time (`utcOffsetMs` from the working calendar), empty for none. */
const localTime = (iso: string | null, utcOffsetMs: number): Cell =>
  iso === null ? null : { wall: new Date(Date.parse(iso) + utcOffsetMs), withTime: true };

/** `utcOffsetMs`: the working calendar's offset (Novosibirsk UTC+7 unless deadlines.json says otherwise). */
export function appealListTable(rows: readonly QueueAppeal[], targetLabel: (id: string) => string,
  utcOffsetMs: number): ReportTable {
  const local = (iso: string | null): Cell => localTime(iso, utcOffsetMs);
  return {
    name: 'Обращения',
    header: ['Номер', 'Источник', 'Получено (НСК)', 'Статус', 'Адресат', 'Решение принял', 'Решение (НСК)',
      'Исправлено, первым решил', 'Срок разбора', 'Срок ответа', 'Текст'],
    rows: rows.map((r) => [
      r.id, SOURCE_LABELS[r.source], local(r.receivedAt), STATUS_LABELS[r.status],
      r.targetId === null ? '' : targetLabel(r.targetId), r.decidedBy ?? '', local(r.decidedAt), r.firstDecidedBy ?? '',
      local(r.routeDueAt), local(r.answerDueAt), r.excerpt,
    ]),
  };
}
