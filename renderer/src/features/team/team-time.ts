// How long a hold or a presence has lasted, in the words the status bar and the lead's screen use.
import { pluralRu } from '../../../../shared/text/plural-ru.js';

/** «меньше минуты», «3 мин», «1 ч 5 мин» since `iso`. */
export function minutesAgoText(iso: string, nowMs: number): string {
  const minutes = Math.floor(Math.max(0, nowMs - Date.parse(iso)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return 'меньше минуты';
  if (minutes < 60) return `${minutes} мин`;
  return `${Math.floor(minutes / 60)} ч ${minutes % 60} мин`;
}

/** «3 человека», «1 человек». */
export function peopleText(n: number): string {
  return `${n} ${pluralRu(n, { one: 'человек', few: 'человека', many: 'человек' })}`;
}
