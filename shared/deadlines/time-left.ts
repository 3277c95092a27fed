// «осталось 2 ч 15 мин» / «просрочено на 40 мин»: wall-clock time to a deadline instant, in Russian; and the compact
// form a narrow grid column shows whole: «2 ч 15 мин» / «−40 мин» (in red), «28 дн.».
export interface TimeLeft {
  overdue: boolean;
  text: string;
  /** The time alone, a minus sign when overdue; days abbreviated «дн.». */
  compact: string;
}

function span(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} дн ${hours} ч` : `${days} дн`;
  if (hours > 0) return mins > 0 ? `${hours} ч ${mins} мин` : `${hours} ч`;
  return `${mins} мин`;
}

const compactSpan = (minutes: number): string => span(minutes).replace(/ дн(?= |$)/, ' дн.');

export function timeLeft(dueMs: number, nowMs: number): TimeLeft {
  const diff = dueMs - nowMs;
  if (diff >= 0) {
    const minutes = Math.floor(diff / 60_000);
    return { overdue: false, text: `осталось ${span(minutes)}`, compact: compactSpan(minutes) };
  }
  const minutes = Math.max(1, Math.floor(-diff / 60_000));
  return { overdue: true, text: `просрочено на ${span(minutes)}`, compact: `\u2212${compactSpan(minutes)}` };
}
