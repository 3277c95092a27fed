// How a person's part in corrections reads beside their name, on «Очереди» and «Статистика» alike: how many of their
// decisions a shift lead changed, and how many of others' decisions they changed themselves (never their routings).
import { formatCountRu } from '../../../../shared/text/number-ru.js';

/**
 * «исправлено старшим сегодня: 1 · исправлений сегодня: 2», or null when neither happened. `when`: «сегодня» on the
 * queues, which count both over the day; none on the statistics, which count over the period chosen.
 */
export function correctionNote(corrected: number, corrections: number, when?: string): string | null {
  const parts = [
    corrected > 0 ? `исправлено старшим${when ? ` ${when}` : ''}: ${formatCountRu(corrected)}` : null,
    corrections > 0 ? `исправлений${when ? ` ${when}` : ''}: ${formatCountRu(corrections)}` : null,
  ].filter((part) => part !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}
