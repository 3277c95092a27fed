// Team mode (#9) in «Поиск»: the selected result is held as the inbox's selection is (store/inbox-slice.ts), through
// the same `team.hold`, so colleagues read «смотрит …» on it in their inbox and their search and the lead's «Смена
// сейчас» names it. Trial: two operators opened one waiting appeal from search, each pressed a digit, both read
// «Направлено», and one got a conflict — nobody's desk had said the other was reading it.
// Held while the results are where the operator is: the section on screen, its keys in the results, someone at the
// keyboard, a waiting appeal selected (the server holds only those). Esc to the box, another section or the idle
// release lets it go. Advice only: nothing here stands in a decision's way.
import { deskCall } from '../../desk-client.js';
import { useDeskStore } from '../../store/desk-store.js';
import { HOLD_REST_MS } from '../../store/inbox-slice.js';
import { searchDecisionSettled, selectedStanding, useSearchStore } from './search-store.js';

/** The result this desk should hold now, or null. */
function wantedHold(): string | null {
  const desk = useDeskStore.getState();
  const search = useSearchStore.getState();
  if (desk.view !== 'search' || desk.away || desk.session?.user == null || search.zone !== 'results') return null;
  return selectedStanding(search)?.status === 'new' ? search.selectedId : null;
}

let following = false;
/** What the rest timer (or the hold answered last) is for; null: nothing wanted. */
let wanted: string | null = null;
/** What the core was last asked to hold from here: a release is sent only then (it must not undo the inbox's). */
let sent: string | null = null;
let seq = 0;
let restTimer: ReturnType<typeof setTimeout> | undefined;

function update(): void {
  if (useDeskStore.getState().session?.user == null) {
    // Signed out: the core dropped every hold with the session; nothing of ours is left to release.
    sent = null;
  }
  const next = wantedHold();
  if (next === wanted) return;
  wanted = next;
  const mine = ++seq;
  clearTimeout(restTimer);
  const shown = useSearchStore.getState().selectionHold;
  if (shown !== null && shown.id !== next) useSearchStore.setState({ selectionHold: null });
  if (next === null) {
    if (sent !== null) void release(mine);
    return;
  }
  // Asked once the selection rests, as in the inbox: a held ↓ passes rows nobody reads.
  restTimer = setTimeout(() => { void ask(mine, next); }, HOLD_REST_MS);
}

/**
 * Sent with no rest, once a decision made here is back. Not once the inbox is on screen: the desk has one hold, and
 * the inbox asks for its own (or lets it go) when it shows — a release landing after that cleared the inbox's hold,
 * its row still «mine» while colleagues saw it free (second read).
 */
async function release(mine: number): Promise<void> {
  // A decision just made here is held by the core as pending once its call is back: never free in between.
  await searchDecisionSettled();
  if (mine !== seq) return;
  sent = null;
  if (useDeskStore.getState().view === 'inbox') return;
  void deskCall('team.hold', { appealId: null });
}

async function ask(mine: number, id: string): Promise<void> {
  await searchDecisionSettled();
  if (mine !== seq) return;
  sent = id;
  useSearchStore.setState({ selectionHold: { id, state: 'pending' } });
  const result = await deskCall('team.hold', { appealId: id });
  if (mine !== seq) return;
  if (!result.ok) {
    useSearchStore.setState({ selectionHold: { id, state: 'offline' } });
    return;
  }
  const { state, holder } = result.value;
  if (state === 'superseded') return;
  useSearchStore.setState({ selectionHold: { id, state } });
  // A colleague got there first: their mark shows now (the team's event follows), so a key here asks to be pressed twice.
  if (state === 'taken' && holder) {
    const desk = useDeskStore.getState();
    useDeskStore.setState({ heldByOthers: new Map(desk.heldByOthers).set(id, holder) });
    desk.arrangeByHolds();
  }
}

/** Hold the search results' selection while they are where the operator is (called once the section opens). */
export function followSearchHold(): void {
  if (following) return;
  following = true;
  useSearchStore.subscribe(update);
  useDeskStore.subscribe(update);
  update();
}
