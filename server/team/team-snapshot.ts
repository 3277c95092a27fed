// The TeamSnapshot every desk sees: the people of the shift who are connected live or hold something, with their holds.
// Also a signature of what people can see in it, so a snapshot that differs only in `at` or lease ends is not resent.
import type { TeamMember, TeamSnapshot } from '../../shared/central-api/team-contract.js';
import type { User } from '../../shared/domain/user.js';
import type { Hold } from './hold-registry.js';

/** One person with at least one open live connection, since the earliest of them. */
export interface Presence {
  user: User;
  onlineSince: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** One entry per person, online since the earliest of their entries (a person may be live through several instances). */
export function mergePresence(...lists: readonly (readonly Presence[])[]): Presence[] {
  const byUser = new Map<string, Presence>();
  for (const list of lists) {
    for (const p of list) {
      const seen = byUser.get(p.user.id);
      if (!seen || p.onlineSince < seen.onlineSince) byUser.set(p.user.id, p);
    }
  }
  return [...byUser.values()];
}

export function buildTeamSnapshot(holds: readonly Hold[], online: readonly Presence[], at: number): TeamSnapshot {
  const members = new Map<string, TeamMember>();
  const member = (user: User): TeamMember => {
    let entry = members.get(user.id);
    if (!entry) {
      entry = { id: user.id, name: user.name, role: user.role, onlineSince: null, holds: [] };
      members.set(user.id, entry);
    }
    return entry;
  };
  for (const p of online) member(p.user).onlineSince = iso(p.onlineSince);
  for (const h of holds) {
    member(h.user).holds.push({ appealId: h.appealId, since: iso(h.since), expiresAt: iso(h.expiresAt), ...(h.deciding ? { deciding: true as const } : {}) });
  }
  // A stable order (by name, then id), so desks can render the list as it comes.
  const sorted = [...members.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id.localeCompare(b.id));
  return { at: iso(at), members: sorted };
}

/** What a person would notice changing: members, presence, holds with their start and mark, not `at` or lease ends. */
export function visibleSignature(snapshot: TeamSnapshot): string {
  return JSON.stringify(snapshot.members.map((m) => [m.id, m.name, m.role, m.onlineSince,
    m.holds.map((h) => [h.appealId, h.since, h.deciding === true])]));
}
