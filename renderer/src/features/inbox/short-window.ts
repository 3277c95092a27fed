// The short window: 1366×768 at 125 and 150 % (614 and 512 px high) gave the appeal's text some four lines under the
// legend's five rows of favourites (trial). One breakpoint for it, here: RoutePanel matches the query and sets the
// class while it holds, and inbox.css keys the short legend on the class — the styles write no height of their own.

/** Window heights at and under this are short (CSS px: 125 % and 150 % of 768 are under it, 100 % is not). */
export const SHORT_WINDOW_MAX_HEIGHT_PX = 640;
export const SHORT_WINDOW_QUERY = `(max-height: ${SHORT_WINDOW_MAX_HEIGHT_PX}px)`;
/** On the legend (.route-panel) while the window is short. */
export const SHORT_WINDOW_CLASS = 'short-window';
