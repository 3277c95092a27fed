// «осталось 2 ч 15 мин» / «просрочено на 40 мин»: wall-clock time to a deadline instant, in Russian.
export interface TimeLeft {
  overdue: boolean;
  text: string;
}

function span(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} дн ${hours} ч` : `${days} дн`;
  if (hours > 0) return mins > 0 ? `${hours} ч ${mins} мин` : `${hours} ч`;
  return `${mins} мин`;
}

export function timeLeft(dueMs: number, nowMs: number): TimeLeft {
  const diff = dueMs - nowMs;
  if (diff >= 0) return { overdue: false, text: `осталось ${span(Math.floor(diff / 60_000))}` };
  return { overdue: true, text: `просрочено на ${span(Math.max(1, Math.floor(-diff / 60_000)))}` };
}
