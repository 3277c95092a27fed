// A locked screen or a sleeping machine means nobody is at the desk: the operator who locks Windows for lunch should
// not stay «в сети» on the lead's «Смена сейчас», nor keep the appeal on screen held «смотрит …» at the end of every
// colleague's list until the lease runs out. Unlocked and awake again, the desk joins the shift (team.present).
// Electron's powerMonitor emits lock-screen/unlock-screen on Windows and macOS, suspend/resume everywhere.

/** The part of Electron's powerMonitor this reads (an EventEmitter in tests). */
export interface PowerEvents {
  on(event: 'lock-screen' | 'unlock-screen' | 'suspend' | 'resume', listener: () => void): unknown;
  removeListener(event: 'lock-screen' | 'unlock-screen' | 'suspend' | 'resume', listener: () => void): unknown;
}

/**
 * Calls `setPresent` whenever whether someone can be at the desk changes: absent while the screen is locked or the
 * machine sleeps (a machine resumed to a locked screen stays absent until it is unlocked). Returns the unsubscribe.
 */
export function followScreenLock(power: PowerEvents, setPresent: (present: boolean) => void): () => void {
  let locked = false;
  let asleep = false;
  let present = true;
  const update = (): void => {
    const next = !locked && !asleep;
    if (next === present) return;
    present = next;
    setPresent(present);
  };
  const listeners = {
    'lock-screen': () => { locked = true; update(); },
    'unlock-screen': () => { locked = false; update(); },
    suspend: () => { asleep = true; update(); },
    resume: () => { asleep = false; update(); },
  } as const;
  for (const [event, listener] of Object.entries(listeners)) power.on(event as keyof typeof listeners, listener);
  return () => {
    for (const [event, listener] of Object.entries(listeners)) power.removeListener(event as keyof typeof listeners, listener);
  };
}
