// Durations as the lead reads them: «45 мин», «2 ч 5 мин», «3 дн. 2 ч» — spelled as the desk's deadlines are
// (shared/deadlines/time-left.ts), rounded to the minute; «—» where there is nothing to measure.
import { durationText } from '../../../../shared/deadlines/time-left.js';

export function formatMinutes(minutes: number | null): string {
  return minutes === null ? '—' : durationText(Math.round(minutes));
}
