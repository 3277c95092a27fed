// Hand-drawn SVG charts for the statistics: stacked columns per day, horizontal bars, a histogram.
// No chart library: a few rects and labels, sized in viewBox units so they scale with the pane.
import type { SourceCounts } from '../../../../shared/desk-api/lead-contract.js';
import { SOURCE_LABELS, SOURCES, type Source } from '../../../../shared/domain/appeal.js';

export const SOURCE_COLORS: Record<Source, string> = { vk: '#2563d9', ok: '#e8891c', telegram: '#2aa3c7', pos: '#7a4fd0' };

/** A round axis maximum ≥ value: 1, 2, 5 × 10^n. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((m) => m * power >= value) ?? 10) * power;
}

export function StackedDays({ days }: { days: readonly { date: string; counts: SourceCounts }[] }) {
  const width = 640;
  const height = 180;
  const left = 34;
  const bottom = 20;
  const totals = days.map((d) => SOURCES.reduce((n, s) => n + d.counts[s], 0));
  const max = niceMax(Math.max(0, ...totals));
  const step = (width - left) / Math.max(1, days.length);
  const bar = Math.max(2, step * 0.72);
  const y = (v: number): number => (height - bottom) * (1 - v / max);
  const labelEvery = Math.ceil(days.length / 10);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Обращения по дням и источникам">
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={left} x2={width} y1={y(max * f)} y2={y(max * f)} className="grid" />
            <text x={left - 4} y={y(max * f) + 4} className="axis" textAnchor="end">{Math.round(max * f)}</text>
          </g>
        ))}
        {days.map((d, i) => {
          let acc = 0;
          const x = left + i * step + (step - bar) / 2;
          return (
            <g key={d.date}>
              <title>{`${d.date.slice(8, 10)}.${d.date.slice(5, 7)}: ${totals[i]}`}</title>
              {SOURCES.map((s) => {
                const v = d.counts[s];
                if (v === 0) return null;
                const top = y(acc + v);
                const h = y(acc) - top;
                acc += v;
                return <rect key={s} x={x} y={top} width={bar} height={h} fill={SOURCE_COLORS[s]} />;
              })}
              {i % labelEvery === 0 ? (
                <text x={x + bar / 2} y={height - 6} className="axis" textAnchor="middle">{`${d.date.slice(8, 10)}.${d.date.slice(5, 7)}`}</text>
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
    </figure>
  );
}

export function HBars({ items, label, color = '#2563d9' }: {
  items: readonly { key: string; label: string; count: number }[]; label: string; color?: string;
}) {
  const rowH = 20;
  const width = 420;
  const labelW = 150;
  const max = Math.max(1, ...items.map((i) => i.count));
  const height = Math.max(rowH, items.length * rowH);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="hbars">
      {items.map((item, i) => {
        const w = ((width - labelW - 44) * item.count) / max;
        return (
          <g key={item.key} transform={`translate(0 ${i * rowH})`}>
            <text x={labelW - 6} y={rowH * 0.68} className="label" textAnchor="end">
              {item.label.length > 24 ? `${item.label.slice(0, 23)}…` : item.label}
            </text>
            <rect x={labelW} y={3} width={Math.max(1, w)} height={rowH - 6} fill={color} rx={2} />
            <text x={labelW + w + 5} y={rowH * 0.68} className="value">{item.count}</text>
          </g>
        );
      })}
    </svg>
  );
}

export function Histogram({ buckets }: { buckets: readonly { label: string; count: number }[] }) {
  const width = 420;
  const height = 150;
  const bottom = 22;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const step = width / Math.max(1, buckets.length);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Время до направления" className="histogram">
      {buckets.map((b, i) => {
        const h = ((height - bottom - 16) * b.count) / max;
        const x = i * step + step * 0.12;
        return (
          <g key={b.label}>
            <rect x={x} y={height - bottom - h} width={step * 0.76} height={Math.max(0, h)} fill="#1d7a46" rx={2} />
            <text x={x + step * 0.38} y={height - bottom - h - 4} className="value" textAnchor="middle">{b.count}</text>
            <text x={x + step * 0.38} y={height - 6} className="axis" textAnchor="middle">{b.label}</text>
          </g>
        );
      })}
    </svg>
  );
}
