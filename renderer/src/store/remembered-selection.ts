// The inbox's selection, kept through a reload of the page (a helper's trial of 5 December: after a reload the
// operator was on the newest appeal, not the old one they had gone to with End, whose hold the desk had kept through
// the reload). Per tab (sessionStorage): a new window, or a sign-out, starts at the newest as ever. An appeal's id
// only, never citizen text; with storage refused nothing is kept.
const KEY = 'desk.inbox.selected';

export function rememberSelection(userId: string | undefined, id: string | null): void {
  try {
    if (userId === undefined || id === null) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, JSON.stringify({ userId, id }));
  } catch {
    // Storage refused (a locked-down profile): the selection simply starts at the newest after a reload.
  }
}

/** The appeal this user had selected in this tab before the page was reloaded, or null. */
export function rememberedSelection(userId: string | undefined): string | null {
  try {
    const kept: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (typeof kept !== 'object' || kept === null) return null;
    const { userId: who, id } = kept as { userId?: unknown; id?: unknown };
    return who === userId && typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
