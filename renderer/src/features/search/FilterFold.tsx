// The filter bar folded into the summary's line on a narrow pane (search.css): at 1366×768 @150 % its three wrapped
// rows left some five results on screen (keyboard trial). The toggle names its key and which filters are on; the key
// (or the toggle) unfolds the bar and puts the focus on its first control, and from inside it folds the bar and goes
// back to the box. On a wide pane the bar is always shown, and the key goes to it and back the same way.
import { useMemo, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { Keycap } from '../../components/Keycap.js';
import { keysFor } from '../shortcuts/shortcut-table.js';
import { useDeskStore } from '../../store/desk-store.js';
import { filterWords } from './search-query-state.js';
import { SearchFilters } from './SearchFilters.js';
import { useSearchStore } from './search-store.js';

const FILTERS_ID = 'search-filters';

/** Unfolds the filters and focuses their first control, or folds them and gives the keys back to the box. */
export function goToFilters(open: boolean): void {
  const s = useSearchStore.getState();
  if (!open) {
    s.setFiltersOpen(false);
    s.focusBox();
    return;
  }
  flushSync(() => s.setFiltersOpen(true)); // shown before it is focused
  document.getElementById(FILTERS_ID)?.querySelector<HTMLElement>('button, select, input')?.focus();
}

/** The key's meaning where the focus is now: into the filters from anywhere else, out of them from inside. */
export function toggleFiltersFrom(focused: Element | null): void {
  goToFilters(!(document.getElementById(FILTERS_ID)?.contains(focused) ?? false));
}

/**
 * The fold's button: its key, «Фильтры», and which filters are on, in words, while they are folded (a trial of
 * 5 December: «Фильтры: 2» left the operator to unfold them to learn which two were narrowing the results); cut with
 * «…» on a narrow line, whole in its tooltip. Shown on a narrow pane only (search.css).
 */
export function FiltersToggle() {
  const open = useSearchStore((s) => s.filtersOpen);
  const query = useSearchStore((s) => s.query);
  const targets = useDeskStore((s) => s.targets);
  // Short on the button (a helper's trial of 5 December: «Фильтры: ВКонтакт…» at 150 %), whole in its tooltip.
  const [words, whole] = useMemo(() => {
    const byId = new Map(targets.map((t) => [t.id, t]));
    return [filterWords(query, byId, true).join(' · '), filterWords(query, byId).join(' · ')];
  }, [query, targets]);
  const keys = keysFor('search-box', 'toggle-filters');
  return (
    <button type="button" className="btn btn-quiet filters-toggle" aria-expanded={open} aria-controls={FILTERS_ID}
      data-testid="filters-toggle" title={`${open ? 'Свернуть фильтры' : 'Фильтры'}${whole === '' ? '' : `: ${whole}`} (${keys})`}
      onClick={() => goToFilters(!open)}>
      <Keycap keys={keysFor('search-box', 'toggle-filters')} />
      {/* One run: the button's gap parted «Фильтры» from «: 1» (trial: «Фильтры : 1»). Open, the bar shows them. */}
      <span className="filters-toggle-words">Фильтры{words !== '' && !open ? <>: <strong data-testid="filters-on">{words}</strong></> : null}</span>
      <span aria-hidden="true">{open ? '▴' : '▾'}</span>
    </button>
  );
}

/** The filter bar, folded or not; its keys go to `onKeyDown` (the box's chords work from a filter too). */
export function FilterFold({ onKeyDown }: { onKeyDown(event: KeyboardEvent<HTMLElement>): void }) {
  const open = useSearchStore((s) => s.filtersOpen);
  return (
    <div id={FILTERS_ID} className="search-filters-fold" data-open={open || undefined} onKeyDown={onKeyDown}>
      <SearchFilters />
    </div>
  );
}
