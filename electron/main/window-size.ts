// The window's first size and its smallest, from the screen it opens on. Fixed 1440×900 with a 1100×700 minimum was
// wider and taller than a 1366×768 office screen at 125–150 % (911×~480 DIP of work area at 150 %): the window could
// not be made to fit, its status bar and route panel below the screen's edge. The renderer is laid out and tested
// at 911×512 (tests/e2e/screen-fit.spec.ts) and a maximized window there has less (title bar, taskbar: ~911×455), so
// the minimum never asks for more than the work area gives.
// Placed on that screen too: Electron centres a window with no x/y on the primary display, so sized for the laptop's
// panel it could open on the external screen, or the other way round. Pure: main-window.ts passes Electron's `screen`
// work area (DIP, with its origin), the unit test passes office screens.

export interface WorkArea { x: number; y: number; width: number; height: number }

export interface WindowSize {
  /** Top-left corner: the window centred in the work area. */
  x: number;
  y: number;
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  /** Open maximized: the default size does not fit the work area (an operator's screen, all day long). */
  maximize: boolean;
}

const PREFERRED = { width: 1440, height: 900 };
/** Below this the list and the detail pane no longer share a row usefully (400 px of detail, the rest the list). */
const SMALLEST = { width: 900, height: 480 };

export function windowSize(work: WorkArea): WindowSize {
  const fits = work.width >= PREFERRED.width && work.height >= PREFERRED.height;
  const width = Math.min(PREFERRED.width, work.width);
  const height = Math.min(PREFERRED.height, work.height);
  return {
    x: work.x + Math.floor((work.width - width) / 2),
    y: work.y + Math.floor((work.height - height) / 2),
    width,
    height,
    minWidth: Math.min(SMALLEST.width, work.width),
    minHeight: Math.min(SMALLEST.height, work.height),
    maximize: !fits,
  };
}
