// The undo window: how long a decision stays on this desk, undoable with Ctrl+Z, before it is sent (#13). IT may set
// it in the machine policy (`undoSeconds`); the Electron shell and the browser workstation use the same default.
export const DEFAULT_UNDO_SECONDS = 7;
export const UNDO_SECONDS_MIN = 5;
export const UNDO_SECONDS_MAX = 10;
