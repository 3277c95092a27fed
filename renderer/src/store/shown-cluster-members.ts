// Which members of a surge cluster the detail pane last showed the operator: a folded cluster's decision names
// exactly these, so the core never decides an appeal that joined the cluster after the operator looked (#6).
const shown = new Map<string, readonly string[]>();
/** Kept for the few clusters looked at last; the detail pane shows one at a time. */
const LIMIT = 50;

export function rememberShownMembers(clusterId: string, memberIds: readonly string[]): void {
  shown.delete(clusterId);
  shown.set(clusterId, memberIds);
  for (const key of shown.keys()) {
    if (shown.size <= LIMIT) break;
    shown.delete(key);
  }
}

/** The member ids last shown for this cluster, or undefined when its list was never on screen. */
export function shownMembers(clusterId: string): readonly string[] | undefined {
  return shown.get(clusterId);
}
