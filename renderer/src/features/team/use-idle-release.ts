// Team mode (#9): a hold says «someone is reading this», so it must not outlive the reader. A desk left with an appeal
// open (a break, a call, a lead's desk opened in the inbox and left — trial) kept it held for as long as it stayed
// open, and every colleague's list kept it at its end, its deadline running. After a while with no key, click or wheel
// in the window, the selection is let go; the first key or click holds it again. The decisions in the undo grace are
// the core's own holds and stay.
import { useEffect } from 'react';
import { useDeskStore } from '../../store/desk-store.js';

/** No input for this long: the reader is away. Longer than reading the longest appeal, shorter than a break. */
export const IDLE_RELEASE_MS = 3 * 60_000;

const ACTIVITY = ['keydown', 'pointerdown', 'wheel'] as const;

export function useIdleRelease(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => useDeskStore.getState().setAway(true), IDLE_RELEASE_MS);
    };
    const active = (): void => {
      arm();
      // Before the key's own handler (capture phase): a digit pressed on coming back acts on a held selection.
      useDeskStore.getState().setAway(false);
    };
    arm();
    for (const type of ACTIVITY) window.addEventListener(type, active, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, active, { capture: true });
    };
  }, []);
}
