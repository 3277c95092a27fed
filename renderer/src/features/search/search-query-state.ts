// The search box and filters as plain data: the empty query, toggling a filter, and the words a saved view or the
// result line shows (the key of «the same search» is shared/search/search-query-key.ts). Pure, so it is unit-tested in Node.
import { SOURCE_LABELS, SOURCE_SHORT, type AppealStatus, type Source } from '../../../../shared/domain/appeal.js';
import type { Target } from '../../../../shared/domain/target.js';
import type { SearchQuery } from '../../../../shared/search/search-query.js';
import { APPEAL_FORMS, countRu } from '../../../../shared/text/plural-ru.js';
import { formatDayRu } from '../../time/novosibirsk-time.js';

export const EMPTY_QUERY: SearchQuery = {
  text: '', sources: [], statuses: [], targetId: null, municipalityId: null, fromDay: null, toDay: null, overdue: false,
};

/** Every filter off, the words kept («Сбросить фильтры»). */
export const NO_FILTERS: Omit<SearchQuery, 'text'> = {
  sources: [], statuses: [], targetId: null, municipalityId: null, fromDay: null, toDay: null, overdue: false,
};

export const STATUS_LABELS: Record<AppealStatus, string> = { new: 'Ждёт решения', routed: 'Направлено', rejected: 'Отклонено' };

/** Nothing typed and no filter set: the section shows its empty state instead of every appeal. */
export function isBlankQuery(q: SearchQuery): boolean {
  return q.text.trim() === '' && activeFilterCount(q) === 0;
}

export function activeFilterCount(q: SearchQuery): number {
  return (q.sources.length > 0 ? 1 : 0) + (q.statuses.length > 0 ? 1 : 0) + (q.targetId !== null ? 1 : 0)
    + (q.municipalityId !== null ? 1 : 0) + (q.fromDay !== null || q.toDay !== null ? 1 : 0) + (q.overdue ? 1 : 0);
}

/** Adds the value if absent, removes it if present; keeps the canonical order of `all`. */
export function toggleIn<T>(values: readonly T[], value: T, all: readonly T[]): T[] {
  const next = new Set(values);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return all.filter((v) => next.has(v));
}

/** A day range must run forwards; a reversed one is swapped rather than refused (the operator meant the span). */
export function normalizedRange(q: SearchQuery): SearchQuery {
  if (q.fromDay !== null && q.toDay !== null && q.fromDay > q.toDay) return { ...q, fromDay: q.toDay, toDay: q.fromDay };
  return q;
}

/** A short Russian line of what the query asks for, e.g. «„мусор“ · ВКонтакте · с 01.03.2026 · просрочено». */
export function describeQuery(q: SearchQuery, targetsById: ReadonlyMap<string, Target>): string {
  const parts = [...(q.text.trim() === '' ? [] : [`«${q.text.trim()}»`]), ...filterWords(q, targetsById)];
  return parts.length === 0 ? 'все обращения' : parts.join(' · ');
}

/**
 * Each filter that is on, in words, in the bar's order: «ВКонтакте», «адресат: Минздрав НСО», «просрочено»; `short`
 * names the sources as their badges do («ВК»), for a line short of room (the folded filters' button).
 */
export function filterWords(q: SearchQuery, targetsById: ReadonlyMap<string, Target>, short = false): string[] {
  const parts: string[] = [];
  if (q.sources.length > 0) parts.push(q.sources.map((s: Source) => (short ? SOURCE_SHORT : SOURCE_LABELS)[s]).join(', '));
  if (q.statuses.length > 0) parts.push(q.statuses.map((s) => STATUS_LABELS[s].toLowerCase()).join(', '));
  const name = (id: string): string => targetsById.get(id)?.shortName ?? id;
  if (q.targetId !== null) parts.push(`адресат: ${name(q.targetId)}`);
  if (q.municipalityId !== null) parts.push(`район: ${name(q.municipalityId)}`);
  if (q.fromDay !== null && q.toDay !== null) parts.push(`${formatDayRu(q.fromDay)}–${formatDayRu(q.toDay)}`);
  else if (q.fromDay !== null) parts.push(`с ${formatDayRu(q.fromDay)}`);
  else if (q.toDay !== null) parts.push(`по ${formatDayRu(q.toDay)}`);
  if (q.overdue) parts.push('просрочено');
  return parts;
}

/** «1 обращение», «3 обращения», «25 обращений». */
export function appealsCount(n: number): string {
  return countRu(n, APPEAL_FORMS);
}

/** Query time for the result line: whole milliseconds, «<1 мс» below one. */
export function formatTook(ms: number): string {
  return ms < 1 ? '<1 мс' : `${Math.round(ms)} мс`;
}
