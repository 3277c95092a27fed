// Durations as the lead reads them: «45 мин», «2 ч 05 мин», «3 дн».
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  const m = Math.round(minutes);
  if (m < 60) return `${m} мин`;
  if (m < 1440) return `${Math.floor(m / 60)} ч ${String(m % 60).padStart(2, '0')} мин`;
  return `${Math.floor(m / 1440)} дн ${Math.floor((m % 1440) / 60)} ч`;
}
