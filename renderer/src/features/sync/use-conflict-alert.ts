// A conflict that arrives while the desk is on a section other than the inbox (whose notice says it) or «Конфликты»
// (which lists it): said once as an alert in the status bar, with the key of the section (a helper's trial of
// 5 December: the lead working in «Очереди» got only a count in the top bar, and read it as the queues').
import { useEffect } from 'react';
import { useDeskStore } from '../../store/desk-store.js';
import { conflictArrivedText, targetNameLookup } from './describe-conflict.js';

// Only a conflict that arrived live (the store's `arrivedConflict`): a list loaded at sign-in or put back after a failed
// dismissal is no news (a second read of the change).
export function useConflictAlert(sectionKey: string): void {
  useEffect(() => useDeskStore.subscribe((state, before) => {
    const arrived = state.arrivedConflict;
    if (arrived === null || arrived === before.arrivedConflict || state.view === 'inbox' || state.view === 'conflicts') return;
    state.showAlert(conflictArrivedText(arrived, targetNameLookup(state.targetsById), sectionKey));
  }), [sectionKey]);
}
