// The one renderer store, built from slices; components read it with narrow selectors.
import { create } from 'zustand';
import { onDeskEvent } from '../desk-client.js';
import { createInboxSlice } from './inbox-slice.js';
import { createSessionSlice } from './session-slice.js';
import type { DeskState } from './state-types.js';
import { createSyncSlice } from './sync-slice.js';
import { createTargetsSlice } from './targets-slice.js';
import { createUiSlice } from './ui-slice.js';
import { createTeamSlice } from './team-slice.js';

export const useDeskStore = create<DeskState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createInboxSlice(...a),
  ...createTargetsSlice(...a),
  ...createSyncSlice(...a),
  ...createUiSlice(...a),
  ...createTeamSlice(...a),
}));

/** Subscribe the store to the core's events and ask who is signed in; returns the unsubscribe. */
export function connectDesk(): () => void {
  const state = useDeskStore.getState;
  const offs = [
    onDeskEvent('session.changed', (session) => state().applySession(session)),
    onDeskEvent('desk.link', (link) => state().applyDeskLink(link)),
    onDeskEvent('appeals.changed', ({ ids }) => {
      if (state().session?.user) state().onAppealsChanged(ids);
    }),
    onDeskEvent('sync.status', (status) => {
      state().applySyncStatus(status);
      if (status.state === 'online') state().refreshTargetsIfMissing();
    }),
    onDeskEvent('sync.conflict', (conflict) => state().addConflict(conflict)),
    onDeskEvent('team.changed', (view) => {
      if (state().session?.user) state().applyTeam(view);
    }),
  ];
  void state().startSession();
  return () => { for (const off of offs) off(); };
}
