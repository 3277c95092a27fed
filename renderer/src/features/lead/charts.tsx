// Hand-drawn SVG charts for the statistics: stacked columns per day, horizontal bars, a histogram.
// No chart library: a few rects and labels. Each chart is drawn at its panel's measured width, one viewBox unit per
// pixel, so it fills the panel and its text never scales or gets cut (labels and axis are measured, not guessed).
// Each has a visually hidden table of the same numbers: a picture alone says nothing to a screen reader (axe).
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { SourceCounts } from '../../../../shared/desk-api/lead-contract.js';
import { SOURCE_LABELS, SOURCES, type Source } from '../../../../shared/domain/appeal.js';
import { formatCountRu, formatNumberRu } from '../../../../shared/text/number-ru.js';
import { formatDayShortRu } from '../../time/novosibirsk-time.js';
import { textWidth, wrapText } from './chart-text.js';

export const SOURCE_COLORS: Record<Source, string> = { vk: '#2563d9', ok: '#e8891c', telegram: '#2aa3c7', pos: '#7a4fd0' };
/** The same hues dark enough for figures on white (≥ 4.5:1; the bar colours above are 2.6–2.9:1 for orange and cyan). */
export const SOURCE_TEXT_COLORS: Record<Source, string> = { vk: '#2563d9', ok: '#9c4a06', telegram: '#0a6f9e', pos: '#7a4fd0' };

/** The width of the element in CSS pixels, followed as the panel resizes (before the first measure: `fallback`). */
function useWidth(fallback: number): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = (): void => {
      const w = Math.floor(el.clientWidth);
      if (w > 0) setWidth(w);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** The chart's numbers as a table for assistive technology; hidden from sight, not from screen readers. */
function DataTable({ caption, head, rows }: { caption: string; head: readonly string[]; rows: readonly (readonly ReactNode[])[] }) {
  return (
    <table className="visually-hidden">
      <caption>{caption}</caption>
      <thead><tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
      <tbody>
        {rows.map((cells, i) => (
          <tr key={i}>{cells.map((c, j) => (j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j}>{c}</td>))}</tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * An axis figure as written in Russian: the middle of a 0–5 axis is «2,5», not a rounded «3» at the wrong height;
 * «12 000» grouped like every other figure of the lead's screens (shared/text/number-ru.ts).
 */
const axisNumber = (v: number): string => formatNumberRu(v);

/** A round axis maximum ≥ value: 1, 2, 5 × 10^n. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value) ?? 10) * power;
}

export function StackedDays({ days }: { days: readonly { date: string; counts: SourceCounts }[] }) {
  const [box, width] = useWidth(640);
  const height = 200;
  const bottom = 20;
  const totals = days.map((d) => SOURCES.reduce((n, s) => n + d.counts[s], 0));
  const max = niceMax(Math.max(0, ...totals));
  const left = Math.ceil(Math.max(textWidth(axisNumber(max), 10), textWidth(axisNumber(max / 2), 10))) + 8;
  const step = (width - left) / Math.max(1, days.length);
  const bar = Math.max(2, step * 0.72);
  const y = (v: number): number => (height - bottom) * (1 - v / max);
  const labelEvery = Math.max(1, Math.ceil(days.length / Math.max(2, Math.floor((width - left) / 44))));
  return (
    <figure className="chart" ref={box}>
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label="Обращения по дням и источникам">
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={left} x2={width} y1={y(max * f)} y2={y(max * f)} className="grid" />
            <text x={left - 4} y={y(max * f) + 4} className="axis" textAnchor="end">{axisNumber(max * f)}</text>
          </g>
        ))}
        {days.map((d, i) => {
          let acc = 0;
          const x = left + i * step + (step - bar) / 2;
          return (
            <g key={d.date}>
              <title>{`${formatDayShortRu(d.date)}: ${formatCountRu(totals[i] ?? 0)}`}</title>
              {SOURCES.map((s) => {
                const v = d.counts[s];
                if (v === 0) return null;
                const top = y(acc + v);
                const h = y(acc) - top;
                acc += v;
                return <rect key={s} x={x} y={top} width={bar} height={h} fill={SOURCE_COLORS[s]} />;
              })}
              {i % labelEvery === 0 ? (
                <text x={x + bar / 2} y={height - 6} className="axis" textAnchor="middle">{formatDayShortRu(d.date)}</text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {SOURCES.map((s) => (
          <span key={s}><i style={{ background: SOURCE_COLORS[s] }} />{SOURCE_LABELS[s]}</span>
        ))}
      </figcaption>
      <DataTable caption="Обращения по дням и источникам" head={['День', ...SOURCES.map((s) => SOURCE_LABELS[s]), 'Всего']}
        rows={days.map((d, i) => [formatDayShortRu(d.date), ...SOURCES.map((s) => formatCountRu(d.counts[s])), formatCountRu(totals[i] ?? 0)])} />
    </figure>
  );
}

/**
 * One bar: `note` follows its count («6 · 42 мин»), never inside the label where a narrow column would cut it;
 * `detail`, a muted line under the label («исправлено старшим: 1»): beside the count it would take the bars' room.
 */
export interface BarItem { key: string; label: string; count: number; note?: string; detail?: string | null }

const LABEL_PX = 11;
const LINE_PX = 13;

export function HBars({ items, label, color = '#2563d9', noteHead }: {
  items: readonly BarItem[]; label: string; color?: string;
  /** The screen-reader table's column for the items' notes. */
  noteHead?: string;
}) {
  const [box, width] = useWidth(420);
  const max = Math.max(1, ...items.map((i) => i.count));
  const valueText = (item: BarItem): string => (item.note === undefined
    ? formatCountRu(item.count) : `${formatCountRu(item.count)} · ${item.note}`);
  // The label column is as wide as the longest label, up to half the panel; a longer one wraps onto a second line.
  const valueW = Math.ceil(Math.max(...items.map((i) => textWidth(valueText(i), LABEL_PX)), 0)) + 10;
  const labelW = Math.ceil(Math.min(width / 2, Math.max(40, ...items.map((i) => textWidth(i.label, LABEL_PX))))) + 8;
  const rows = items.map((item) => {
    const label = wrapText(item.label, LABEL_PX, labelW - 8, 2);
    const detail = item.detail ? wrapText(item.detail, LABEL_PX, labelW - 8, 2) : [];
    return { item, lines: [...label.map((text) => ({ text, detail: false })), ...detail.map((text) => ({ text, detail: true }))] };
  });
  const rowH = (lines: number): number => 20 + (lines - 1) * LINE_PX;
  const tops = rows.reduce<number[]>((acc, r, i) => [...acc, (acc[i] ?? 0) + rowH(r.lines.length)], [0]);
  const height = Math.max(20, tops[rows.length] ?? 0);
  return (
    <div className="hbars" ref={box}>
    <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={label}>
      {rows.map(({ item, lines }, i) => {
        const w = (Math.max(0, width - labelW - valueW) * item.count) / max;
        const h = rowH(lines.length);
        const baseline = h / 2 + 4;
        return (
          <g key={item.key} transform={`translate(0 ${tops[i] ?? 0})`}>
            <text x={labelW - 6} y={baseline - ((lines.length - 1) * LINE_PX) / 2} className="label" textAnchor="end">
              {lines.map((line, n) => (
                <tspan key={n} x={labelW - 6} dy={n === 0 ? 0 : LINE_PX} className={line.detail ? 'detail' : undefined}>{line.text}</tspan>
              ))}
            </text>
            <rect x={labelW} y={h / 2 - 7} width={Math.max(1, w)} height={14} fill={color} rx={2} />
            <text x={labelW + w + 5} y={baseline} className="value">{valueText(item)}</text>
          </g>
        );
      })}
    </svg>
    <DataTable caption={label} head={noteHead === undefined ? ['', 'Обращений'] : ['', 'Обращений', noteHead]}
      rows={items.map((i) => {
        const name = i.detail ? `${i.label} (${i.detail})` : i.label;
        return noteHead === undefined ? [name, formatCountRu(i.count)] : [name, formatCountRu(i.count), i.note ?? ''];
      })} />
    </div>
  );
}

export function Histogram({ buckets }: { buckets: readonly { label: string; count: number }[] }) {
  const [box, width] = useWidth(420);
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const step = width / Math.max(1, buckets.length);
  // A bucket's name wraps under its column rather than ending in «…» («больше суток» at 150 %); the axis grows a line.
  const labels = buckets.map((b) => wrapText(b.label, 10, step - 6, 2));
  const axisLines = Math.max(1, ...labels.map((l) => l.length));
  const bottom = 10 + axisLines * 12;
  const height = 128 + bottom;
  return (
    <div className="histogram" ref={box}>
    <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label="Время до направления">
      {buckets.map((b, i) => {
        const h = ((height - bottom - 16) * b.count) / max;
        const x = i * step + step * 0.12;
        return (
          <g key={b.label}>
            <rect x={x} y={height - bottom - h} width={step * 0.76} height={Math.max(0, h)} fill="#1d7a46" rx={2} />
            <text x={x + step * 0.38} y={height - bottom - h - 4} className="value" textAnchor="middle">{formatCountRu(b.count)}</text>
            <text x={x + step * 0.38} y={height - bottom + 16} className="axis" textAnchor="middle">
              {(labels[i] ?? []).map((line, n) => <tspan key={n} x={x + step * 0.38} dy={n === 0 ? 0 : 12}>{line}</tspan>)}
            </text>
          </g>
        );
      })}
    </svg>
    <DataTable caption="Время до направления" head={['Время', 'Обращений']} rows={buckets.map((b) => [b.label, formatCountRu(b.count)])} />
    </div>
  );
}
