// The filter bar: source and status toggles, target and municipality lists, a day range («ДД.ММ.ГГГГ», DayField) and
// «overdue».
// Plain form controls, so Tab reaches each one and Space / arrows work the way the system's own do.
import { useMemo } from 'react';
import { APPEAL_STATUSES, SOURCES, SOURCE_LABELS } from '../../../../shared/domain/appeal.js';
import { SourceBadge } from '../../components/SourceBadge.js';
import { DayField } from './DayField.js';
import { useDeskStore } from '../../store/desk-store.js';
import { activeFilterCount, NO_FILTERS, STATUS_LABELS, toggleIn } from './search-query-state.js';
import { useSearchStore } from './search-store.js';

const byName = (a: { shortName: string }, b: { shortName: string }): number => a.shortName.localeCompare(b.shortName, 'ru');

export function SearchFilters() {
  const query = useSearchStore((s) => s.query);
  const setFilters = useSearchStore((s) => s.setFilters);
  const targets = useDeskStore((s) => s.targets);
  const { recipients, municipalities } = useMemo(() => ({
    recipients: targets.filter((t) => t.kind !== 'municipality').sort(byName),
    municipalities: targets.filter((t) => t.kind === 'municipality').sort(byName),
  }), [targets]);

  return (
    <div className="search-filters" role="group" aria-label="Фильтры">
      <div className="filter-group" role="group" aria-label="Источник">
        {SOURCES.map((source) => (
          <button key={source} type="button" className="filter-toggle" aria-pressed={query.sources.includes(source)}
            title={SOURCE_LABELS[source]} data-source={source}
            onClick={() => setFilters({ sources: toggleIn(query.sources, source, SOURCES) })}>
            <SourceBadge source={source} />
          </button>
        ))}
      </div>
      <div className="filter-group" role="group" aria-label="Состояние">
        {APPEAL_STATUSES.map((status) => (
          <button key={status} type="button" className="filter-toggle" aria-pressed={query.statuses.includes(status)}
            data-status={status} onClick={() => setFilters({ statuses: toggleIn(query.statuses, status, APPEAL_STATUSES) })}>
            {STATUS_LABELS[status]}
          </button>
        ))}
      </div>
      <select className="filter-select" aria-label="Адресат" value={query.targetId ?? ''}
        onChange={(e) => setFilters({ targetId: e.target.value === '' ? null : e.target.value })}>
        <option value="">Любой адресат</option>
        {recipients.map((t) => <option key={t.id} value={t.id}>{t.shortName}</option>)}
      </select>
      <select className="filter-select" aria-label="Район или город" value={query.municipalityId ?? ''}
        onChange={(e) => setFilters({ municipalityId: e.target.value === '' ? null : e.target.value })}>
        <option value="">Любой район</option>
        {municipalities.map((t) => <option key={t.id} value={t.id}>{t.shortName}</option>)}
      </select>
      <label className="filter-date">
        <span>с</span>
        <DayField label="Получено с" value={query.fromDay} onChange={(fromDay) => setFilters({ fromDay })} />
      </label>
      <label className="filter-date">
        <span>по</span>
        <DayField label="Получено по" value={query.toDay} onChange={(toDay) => setFilters({ toDay })} />
      </label>
      <label className="filter-check">
        <input type="checkbox" checked={query.overdue} onChange={(e) => setFilters({ overdue: e.target.checked })} />
        <span>Просрочено</span>
      </label>
      {activeFilterCount(query) > 0 ? (
        <button type="button" className="btn btn-quiet filter-reset"
          onClick={() => setFilters(NO_FILTERS)}>
          Сбросить фильтры
        </button>
      ) : null}
    </div>
  );
}
