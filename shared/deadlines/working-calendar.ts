// A working-hours calendar: local working days (Mon–Fri minus holidays, plus transferred working days) with fixed
// hours, in a fixed UTC offset (Novosibirsk has no DST). Pure: the holiday data comes in as an argument.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The production-calendar file (resources/production-calendar-ru.json): per year, the exceptions to Mon–Fri. */
export const ProductionCalendar = z.object({
  years: z.record(z.string().regex(/^\d{4}$/), z.object({
    status: z.string(),
    nonWorking: z.array(isoDate),
    working: z.array(isoDate),
    shortened: z.array(isoDate),
  })),
});
export type ProductionCalendar = z.infer<typeof ProductionCalendar>;

export const CalendarSettings = z.object({
  /** Minutes east of UTC; Novosibirsk = UTC+7. */
  utcOffsetMinutes: z.number().int().min(-720).max(840),
  /** Working day in local minutes after midnight, e.g. 9:00 = 540, 18:00 = 1080. */
  dayStartMinutes: z.number().int().min(0).max(1440),
  dayEndMinutes: z.number().int().min(0).max(1440),
  /** Minutes cut from the end of a shortened (pre-holiday) day. */
  shortenedByMinutes: z.number().int().min(0).max(600),
});
export type CalendarSettings = z.infer<typeof CalendarSettings>;

export const NOVOSIBIRSK_CALENDAR_SETTINGS: CalendarSettings = {
  utcOffsetMinutes: 7 * 60, dayStartMinutes: 9 * 60, dayEndMinutes: 18 * 60, shortenedByMinutes: 60,
};

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A search bound: no rule asks for more than a few years of working time. */
const MAX_DAYS_SCANNED = 3 * 366;

export interface WorkingCalendar {
  readonly settings: CalendarSettings;
  /** Whether the local calendar day `YYYY-MM-DD` is a working day. */
  isWorkingDay(date: string): boolean;
  /** The instant `minutes` working minutes after `startMs` (time outside working hours does not count). */
  addWorkingMinutes(startMs: number, minutes: number): number;
  /** Working minutes between two instants (0 when `toMs` ≤ `fromMs`). */
  workingMinutesBetween(fromMs: number, toMs: number): number;
  /** The local calendar day an instant falls on, `YYYY-MM-DD`. */
  localDate(ms: number): string;
}

const dateOfDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

export function createWorkingCalendar(settings: CalendarSettings, data: ProductionCalendar): WorkingCalendar {
  if (settings.dayEndMinutes <= settings.dayStartMinutes) throw new Error('working day must end after it starts');
  const nonWorking = new Set<string>();
  const working = new Set<string>();
  const shortened = new Set<string>();
  for (const year of Object.values(data.years)) {
    year.nonWorking.forEach((d) => nonWorking.add(d));
    year.working.forEach((d) => working.add(d));
    year.shortened.forEach((d) => shortened.add(d));
  }
  const offsetMs = settings.utcOffsetMinutes * MINUTE;

  const isWorkingDay = (date: string): boolean => {
    if (working.has(date)) return true;
    if (nonWorking.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };

  /** Working window of local day number `day`, in local milliseconds, or null on a day off. */
  const computeWindow = (day: number): [number, number] | null => {
    const date = dateOfDay(day);
    if (!isWorkingDay(date)) return null;
    const end = settings.dayEndMinutes - (shortened.has(date) ? settings.shortenedByMinutes : 0);
    return [day * DAY + settings.dayStartMinutes * MINUTE, day * DAY + Math.max(end, settings.dayStartMinutes) * MINUTE];
  };
  // Per day, once: a first sync computes deadlines for 100,000 appeals over a few hundred distinct days, and the
  // date string and weekday behind each window cost more than the arithmetic.
  const windows = new Map<number, [number, number] | null>();
  const windowOf = (day: number): [number, number] | null => {
    let window = windows.get(day);
    if (window === undefined) {
      window = computeWindow(day);
      if (windows.size >= 20_000) windows.clear();
      windows.set(day, window);
    }
    return window;
  };

  return {
    settings,
    isWorkingDay,
    localDate: (ms) => dateOfDay(Math.floor((ms + offsetMs) / DAY)),
    addWorkingMinutes(startMs, minutes) {
      let remaining = Math.max(0, minutes) * MINUTE;
      let local = startMs + offsetMs;
      const firstDay = Math.floor(local / DAY);
      for (let day = firstDay; day < firstDay + MAX_DAYS_SCANNED; day++) {
        const window = windowOf(day);
        if (window) {
          const from = Math.max(local, window[0]);
          // A deadline that lands exactly on closing time stays today (18:00), not tomorrow 9:00.
          if (from <= window[1] && (remaining > 0 || from < window[1])) {
            const available = window[1] - from;
            if (remaining <= available) return from + remaining - offsetMs;
            remaining -= available;
          }
        }
        local = (day + 1) * DAY;
      }
      throw new Error('working calendar: deadline beyond the scanned range');
    },
    workingMinutesBetween(fromMs, toMs) {
      if (toMs <= fromMs) return 0;
      const from = fromMs + offsetMs;
      const to = toMs + offsetMs;
      let total = 0;
      for (let day = Math.floor(from / DAY); day <= Math.floor(to / DAY); day++) {
        const window = windowOf(day);
        if (!window) continue;
        total += Math.max(0, Math.min(to, window[1]) - Math.max(from, window[0]));
      }
      return Math.round(total / MINUTE);
    },
  };
}
