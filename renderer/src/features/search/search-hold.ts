// Team mode (#9) in «Поиск»: the selected result is held as the inbox's selection is, through the desk's one hold
// (store/desk-hold.ts), so colleagues read «смотрит …» on it in their inbox and their search and the lead's «Смена
// сейчас» names it. Trial: two operators opened one waiting appeal from search, each pressed a digit, both read
// «Направлено», and one got a conflict — nobody's desk had said the other was reading it.
// Held while the results are where the operator is: the section on screen, its keys in the results, someone at the
// keyboard, a waiting appeal selected (the server holds only those). Esc to the box, another section or the idle
// release lets it go. Advice only: nothing here stands in a decision's way.
import { holdFor, releaseFor } from '../../store/desk-hold.js';
import { useDeskStore } from '../../store/desk-store.js';
import { searchDecisionSettled, selectedStanding, useSearchStore } from './search-store.js';

/** The result this desk should hold now, or null. */
function wantedHold(): string | null {
  const desk = useDeskStore.getState();
  const search = useSearchStore.getState();
  if (desk.view !== 'search' || desk.away || desk.session?.user == null || search.zone !== 'results') return null;
  return selectedStanding(search)?.status === 'new' ? search.selectedId : null;
}

let following = false;
/** What was last asked for from here (null: nothing): the stores change often, the wanted hold seldom. */
let wanted: string | null = null;

function update(): void {
  const next = wantedHold();
  if (next === wanted) return;
  wanted = next;
  const shown = useSearchStore.getState().selectionHold;
  if (shown !== null && shown.id !== next) useSearchStore.setState({ selectionHold: null });
  // A decision just made here is held by the core as pending once its call is back: never free in between.
  if (next === null) {
    void releaseFor('search', searchDecisionSettled);
    return;
  }
  void holdFor('search', next, {
    settled: searchDecisionSettled,
    show: (selectionHold) => useSearchStore.setState({ selectionHold }),
    current: () => wanted === next,
    // A colleague got there first: their mark shows now (the team's event follows), so a key here asks to be pressed
    // twice.
    answered: ({ state, holder }) => {
      if (state !== 'taken' || !holder) return;
      const desk = useDeskStore.getState();
      useDeskStore.setState({ heldByOthers: new Map(desk.heldByOthers).set(next, holder) });
      desk.arrangeByHolds();
    },
  });
}

/** Hold the search results' selection while they are where the operator is (called once the section opens). */
export function followSearchHold(): void {
  if (following) return;
  following = true;
  useSearchStore.subscribe(update);
  useDeskStore.subscribe(update);
  update();
}
