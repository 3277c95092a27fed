// A conflict that arrives while the desk is on a section other than the inbox (whose notice says it) or «Конфликты»
// (which lists it): said once as an alert in the status bar, with the key of the section (a helper's trial of
// 5 December: the lead working in «Очереди» got only a count in the top bar, and read it as the queues').
import { useEffect } from 'react';
import { useDeskStore } from '../../store/desk-store.js';
import { conflictsArrivedText, targetNameLookup } from './describe-conflict.js';

export function useConflictAlert(sectionKey: string): void {
  useEffect(() => useDeskStore.subscribe((state, before) => {
    if (state.conflicts === before.conflicts || state.view === 'inbox' || state.view === 'conflicts') return;
    const known = new Set(before.conflicts.map((c) => c.id));
    const arrived = state.conflicts.filter((c) => !known.has(c.id));
    if (arrived.length > 0) state.showAlert(conflictsArrivedText(arrived, targetNameLookup(state.targetsById), sectionKey));
  }), [sectionKey]);
}
