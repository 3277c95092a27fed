// Times as the operators read them: always Novosibirsk time (the centre's clock), whatever the machine's zone.
// Formatters are built once: creating Intl objects per grid cell would cost more than the rendering.
export const CENTRE_TIME_ZONE = 'Asia/Novosibirsk';

const PARTS = new Intl.DateTimeFormat('ru-RU', {
  timeZone: CENTRE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const LONG_MONTH = new Intl.DateTimeFormat('ru-RU', { timeZone: CENTRE_TIME_ZONE, day: 'numeric', month: 'long' });

interface CentreParts { year: number; month: number; day: number; hour: string; minute: string }

function centreParts(ms: number): CentreParts {
  const out: Record<string, string> = {};
  for (const part of PARTS.formatToParts(ms)) out[part.type] = part.value;
  return {
    year: Number(out.year), month: Number(out.month), day: Number(out.day),
    hour: out.hour ?? '00', minute: out.minute ?? '00',
  };
}

/** Days since the epoch of the calendar day the instant falls on in Novosibirsk. */
function dayNumber(p: CentreParts): number {
  return Math.floor(Date.UTC(p.year, p.month - 1, p.day) / 86_400_000);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

function instant(iso: string): number | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** «14:05» in Novosibirsk time. */
export function formatClock(iso: string): string {
  const ms = instant(iso);
  if (ms === null) return iso;
  const p = centreParts(ms);
  return `${p.hour}:${p.minute}`;
}

/** For the grid: «сегодня 14:05», «вчера 09:12», «27.11 14:05», or «27.11.2024 14:05» for another year. */
export function formatReceivedShort(iso: string, nowMs: number): string {
  const ms = instant(iso);
  if (ms === null) return iso;
  const p = centreParts(ms);
  const now = centreParts(nowMs);
  const time = `${p.hour}:${p.minute}`;
  const daysAgo = dayNumber(now) - dayNumber(p);
  if (daysAgo === 0) return `сегодня ${time}`;
  if (daysAgo === 1) return `вчера ${time}`;
  const date = `${pad2(p.day)}.${pad2(p.month)}`;
  return p.year === now.year ? `${date} ${time}` : `${date}.${p.year} ${time}`;
}

/** For the detail pane: «сегодня, 14:05», «27 ноября, 14:05», «27 ноября 2024, 14:05» (always Novosibirsk time). */
export function formatReceivedLong(iso: string, nowMs: number): string {
  const ms = instant(iso);
  if (ms === null) return iso;
  const p = centreParts(ms);
  const now = centreParts(nowMs);
  const time = `${p.hour}:${p.minute}`;
  const daysAgo = dayNumber(now) - dayNumber(p);
  if (daysAgo === 0) return `сегодня, ${time}`;
  if (daysAgo === 1) return `вчера, ${time}`;
  const dayMonth = LONG_MONTH.format(ms);
  return p.year === now.year ? `${dayMonth}, ${time}` : `${dayMonth} ${p.year}, ${time}`;
}
