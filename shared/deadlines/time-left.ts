// «осталось 2 ч 15 мин» / «просрочено на 40 мин»: wall-clock time to a deadline instant, in Russian; and the compact
// form a narrow grid column shows whole: «2 ч 15 мин» / «−40 мин» (in red), «28 дн.».
export interface TimeLeft {
  overdue: boolean;
  text: string;
  /** The time alone, a minus sign when overdue; whole hours from ten hours on. */
  compact: string;
}

/**
 * A duration in whole minutes as every screen writes it: «45 мин», «2 ч 5 мин», «3 дн. 2 ч» — the one spelling of the
 * desk and the lead's screens («дн.» is an abbreviation and takes its dot; «ч» and «мин» are unit symbols and do not).
 */
export function durationText(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} дн. ${hours} ч` : `${days} дн.`;
  if (hours > 0) return mins > 0 ? `${hours} ч ${mins} мин` : `${hours} ч`;
  return `${mins} мин`;
}

/**
 * The grid column's form: from ten hours on, whole hours — «−22 ч 46 мин» was cut at 1366×768 @150 % (trial of
 * 4 December), and a deadline that far is not read to the minute (the detail pane says it whole).
 */
function compactDuration(minutes: number): string {
  return minutes >= 600 && minutes < 1440 ? `${Math.floor(minutes / 60)} ч` : durationText(minutes);
}

export function timeLeft(dueMs: number, nowMs: number): TimeLeft {
  const diff = dueMs - nowMs;
  if (diff >= 0) {
    const minutes = Math.floor(diff / 60_000);
    return { overdue: false, text: `осталось ${durationText(minutes)}`, compact: compactDuration(minutes) };
  }
  const minutes = Math.max(1, Math.floor(-diff / 60_000));
  return { overdue: true, text: `просрочено на ${durationText(minutes)}`, compact: `\u2212${compactDuration(minutes)}` };
}
