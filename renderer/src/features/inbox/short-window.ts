// The short window: 1366×768 at 125 and 150 % (614 and 512 px high) gave the appeal's text some four lines under the
// legend's five rows of favourites (trial). One breakpoint for it, here: RoutePanel matches the query and sets the
// class while it holds, and inbox.css keys the short legend on the class — the styles write no height of their own.

/** Window heights at and under this are short (CSS px: 125 % and 150 % of 768 are under it, 100 % is not). */
export const SHORT_WINDOW_MAX_HEIGHT_PX = 640;
export const SHORT_WINDOW_QUERY = `(max-height: ${SHORT_WINDOW_MAX_HEIGHT_PX}px)`;
/** On the legend (.route-panel) while the window is short. */
export const SHORT_WINDOW_CLASS = 'short-window';

/**
 * The very short window: a maximized window on 1366×768 at 150 % is ~911×455 (title bar and taskbar take their part
 * of the 512 px; electron/main/window-size.ts), and there the appeal's text was two lines high under the bars and
 * panels (trial). At and under this height the bars and panels give up padding, never content: the root carries
 * VERY_SHORT_WINDOW_ATTRIBUTE while the query holds, and layout.css keys every such compaction on it, in one block.
 * 1280×720 at 150 % (480 px) is very short too.
 */
export const VERY_SHORT_WINDOW_MAX_HEIGHT_PX = 480;
export const VERY_SHORT_WINDOW_QUERY = `(max-height: ${VERY_SHORT_WINDOW_MAX_HEIGHT_PX}px)`;
/** `data-window="very-short"` on <html>. */
export const VERY_SHORT_WINDOW_ATTRIBUTE = 'data-window';
export const VERY_SHORT_WINDOW_VALUE = 'very-short';

/** Keeps the root's attribute in step with the query, from now on (called once, before the first paint). */
export function followVeryShortWindow(): void {
  const query = window.matchMedia(VERY_SHORT_WINDOW_QUERY);
  const apply = (): void => {
    if (query.matches) document.documentElement.setAttribute(VERY_SHORT_WINDOW_ATTRIBUTE, VERY_SHORT_WINDOW_VALUE);
    else document.documentElement.removeAttribute(VERY_SHORT_WINDOW_ATTRIBUTE);
  };
  query.addEventListener('change', apply);
  apply();
}
