// A day filter as the operators write dates: a text field masked «ДД.ММ.ГГГГ», read by the desk's one date module
// (time/novosibirsk-time.ts). Not <input type="date">: Chromium draws that in the browser's own UI language
// («mm/dd/yyyy» on an English system) whatever the page's lang, and its segments are wide at 150 %. ↑ / ↓ step a day
// (from today on the centre's clock when the field is empty), digits typed straight on get their dots, a text that
// is not a real day is marked while typed and put back to the filter's day when the field is left.
import { useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { addDays } from '../../../../shared/domain/day-bounds.js';
import { useDeskStore } from '../../store/desk-store.js';
import { centreToday, formatDayRu, parseDayRu } from '../../time/novosibirsk-time.js';

const shown = (day: string | null): string => (day === null ? '' : formatDayRu(day));

/** Dots for digits typed straight on: «011» → «01.1», «01.123» → «01.12.3», eight pasted digits → «ДД.ММ.ГГГГ». */
export function maskDayText(text: string): string {
  if (/^\d{8}$/.test(text)) return `${text.slice(0, 2)}.${text.slice(2, 4)}.${text.slice(4)}`;
  if (/^\d{3}$/.test(text)) return `${text.slice(0, 2)}.${text.slice(2)}`;
  if (/^\d{1,2}\.\d{3}$/.test(text)) { const at = text.length - 1; return `${text.slice(0, at)}.${text.slice(at)}`; }
  return text.slice(0, 10);
}

export function DayField({ label, value, onChange }: {
  label: string; value: string | null; onChange: (day: string | null) => void;
}) {
  const [text, setText] = useState(shown(value));
  const [seen, setSeen] = useState(value);
  // A reset, a saved search or the other field's swap changes the day from outside: the text follows (adjusted while
  // rendering, React's pattern for state derived from a prop, so no effect re-renders after the paint).
  if (seen !== value) {
    setSeen(value);
    if (!(parseDayRu(text) === value || (text === '' && value === null))) setText(shown(value));
  }

  const commit = (next: string): void => {
    setText(next);
    if (next.trim() === '') { if (value !== null) onChange(null); return; }
    const day = parseDayRu(next);
    if (day !== null && day !== value) onChange(day);
  };
  const onInput = (e: ChangeEvent<HTMLInputElement>): void => {
    const raw = e.target.value;
    commit(raw.length > text.length ? maskDayText(raw) : raw);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.ctrlKey || e.metaKey || e.altKey || (e.code !== 'ArrowUp' && e.code !== 'ArrowDown')) return;
    e.preventDefault();
    e.stopPropagation();
    const base = parseDayRu(text) ?? value;
    const next = base === null ? centreToday(useDeskStore.getState().nowMs) : addDays(base, e.code === 'ArrowUp' ? 1 : -1);
    commit(formatDayRu(next));
  };
  const invalid = text.length >= 10 && parseDayRu(text) === null;
  return (
    <input type="text" className="filter-day" aria-label={label} value={text} placeholder="ДД.ММ.ГГГГ" inputMode="numeric"
      maxLength={10} autoComplete="off" spellCheck={false} aria-invalid={invalid || undefined}
      title={invalid ? 'Нет такого дня: дата в виде ДД.ММ.ГГГГ' : `${label}: ДД.ММ.ГГГГ, ↑ ↓ — на день`}
      onChange={onInput} onKeyDown={onKeyDown} onBlur={() => setText(shown(value))} />
  );
}
