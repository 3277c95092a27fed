// The queue shared out while colleagues cannot see each other (team mode, #9): with the live channel down, holds
// travel nowhere and every desk's next appeal after a decision was the same one — two desks offline redid each
// other's work, and on reconnection 3 of one operator's 4 decisions came back as conflicts (a helper's trial of
// 6 December). So each waiting appeal falls to one of the operators who were on shift when the channel went, by a
// hash of its id every desk computes alike; a desk takes its own share first and sets the others' behind it. Advice
// only, as holds are: every appeal stays listed and decidable.

export interface ShareMember {
  id: string;
  name: string;
  /** What they were reading as the channel went: theirs, so the appeal on their screen is nobody's next. */
  holds: readonly string[];
}

/** FNV-1a over the id's UTF-16 units: stable across desks and runs, spread well enough over short ids. */
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Whose share each appeal is: the member reading it as the channel went, else one of `members` by the hash of
 * `hashKey` — the appeal's id, or its surge cluster's (the row standing for a cluster is whichever member each desk
 * lists first; the cluster's id is the same on every desk) — ordered by id so every desk that knows the same shift
 * agrees (the order the core reports them in does not matter). The members are sorted once, for a whole queue.
 */
export function shareOwners(members: readonly ShareMember[]): (appealId: string, hashKey?: string) => ShareMember | null {
  const sorted = [...members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const reading = new Map<string, ShareMember>();
  for (const member of sorted) for (const id of member.holds) if (!reading.has(id)) reading.set(id, member);
  return (appealId, hashKey = appealId) =>
    (sorted.length === 0 ? null : reading.get(appealId) ?? sorted[hashOf(hashKey) % sorted.length] ?? null);
}
