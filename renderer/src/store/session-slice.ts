// Who is signed in; switching between the login screen and the inbox; loading everything after sign-in.
import { deskCall } from '../desk-client.js';
import { rememberSelection } from './remembered-selection.js';
import { reassertHold } from './desk-hold.js';
import { setCentreOffset } from '../time/novosibirsk-time.js';
import type { DeskState, SessionSlice, SliceCreator } from './state-types.js';

function loadSignedInData(state: DeskState): void {
  void Promise.all([state.loadTargets(), state.loadTeam(), state.loadInbox(), state.loadSync()]);
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get) => ({
  session: null,
  sessionPhase: 'loading',
  sessionError: null,
  loginBusy: false,
  loginError: null,
  startSession: async () => {
    set({ sessionPhase: 'loading', sessionError: null });
    const result = await deskCall('session.get', {});
    if (!result.ok) {
      set({ sessionPhase: 'failed', sessionError: result.error.message });
      return;
    }
    set({ sessionPhase: 'ready' });
    get().applySession(result.value);
  },
  login: async (login, password) => {
    set({ loginBusy: true, loginError: null });
    const result = await deskCall('session.login', { login, password });
    set({ loginBusy: false });
    if (result.ok) get().applySession(result.value);
    else set({ loginError: result.error.message });
  },
  // Sign-out sends unsent decisions and wipes local data; the dialog shows progress and asks when it must.
  logout: () => {
    get().openDialog('sign-out');
    return Promise.resolve();
  },
  reloadFromNewCore: async () => {
    const result = await deskCall('session.get', {});
    if (!result.ok) return;
    const before = get().session?.user?.id ?? null;
    get().applySession(result.value);
    // The same person: applySession keeps what is shown, but it came from the core that stopped.
    if (before !== null && before === (result.value.user?.id ?? null)) {
      loadSignedInData(get());
      reassertHold();
    }
  },
  applySession: (session) => {
    const before = get().session?.user?.id ?? null;
    const after = session.user?.id ?? null;
    setCentreOffset(session.utcOffsetMinutes);
    set({ session, sessionPhase: 'ready', sessionError: null });
    if (after === before) return;
    // A different person (or nobody) now: forget everything the previous one saw. The selection kept for a reload goes
    // with a sign-out here (a reload comes in from nobody, and keeps it).
    if (before !== null) rememberSelection(undefined, null);
    get().clearInbox();
    get().clearTeam();
    set({ dialog: null, alert: null, notice: null, conflicts: [], loginError: null });
    if (after !== null) loadSignedInData(get());
  },
});
