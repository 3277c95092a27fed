// Where the focus goes when the section changes (Ctrl+digit, a tab, the folded menu): the section's own first tab stop
// — its list, its box, its scrolling pane — when nothing else has it. Without this a section chosen from the folded
// menu (or whose list took the focus as it unmounted) left it on <body>: a screen reader lost its place and Tab started
// over from the top bar (a second read of 5 December). Keys are handled at the window, so this changes no key's
// meaning; a section that focuses something itself on mount (search's box, the inbox's grid) keeps it.
import { useEffect, useRef } from 'react';

/** The section's root: the shell's child that is neither the top bar nor the status bar. */
const SECTION = '.app-shell > :not(.top-bar):not(.status-bar)';
// Not a button or a link: Enter on a focused control is the control's, and the section's Enter must stay its own.
const FIRST_STOP = '[tabindex="0"]:not(button, a, select), input:not([type="hidden"]), [role="grid"]';

export function useSectionFocus(viewId: string): void {
  // Not on the first section after sign-in: the inbox's grid, still loading then, takes the focus itself once it exists
  // (AppealGrid focusOnMount), and a stop taken before would keep it from the grid.
  const shown = useRef(viewId);
  useEffect(() => {
    if (shown.current === viewId) return undefined;
    shown.current = viewId;
    // After the section's own mount effects and the frame that lays it out (a menu item being removed must be gone).
    const frame = requestAnimationFrame(() => {
      const at = document.activeElement;
      if (at !== null && at !== document.body) return;
      const root = document.querySelector<HTMLElement>(SECTION);
      if (root === null) return;
      // None yet (an inbox still loading or empty): left on <body>, where the grid takes it once it exists
      // (AppealGrid focusOnMount); a stop made of the root would keep it from the grid (second read).
      root.querySelector<HTMLElement>(FIRST_STOP)?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [viewId]);
}
