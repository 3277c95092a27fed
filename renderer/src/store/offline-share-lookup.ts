// Whose share an appeal is while the queue is shared out among the shift (shared/team/offline-share.ts: the live
// channel down). One lookup per shift list the core reports, built when it changes: the inbox asks for every id.
import { shareOwners, type ShareMember } from '../../../shared/team/offline-share.js';
import type { TeamView } from '../../../shared/desk-api/team-contract.js';
import type { ClusterInfo } from '../../../shared/desk-api/routing-contract.js';

let shareOfList: TeamView['offlineShare'];
let ownerOf: (appealId: string, hashKey?: string) => ShareMember | null = () => null;

/**
 * The colleague whose share `appealId` is, or null: this desk's own, or the queue is not shared out. A surge cluster's
 * row is shared by the cluster's id (from `clusterOf`), the same on every desk whichever member stands for it.
 */
export function colleagueShareOf(team: TeamView | null, clusterOf: ReadonlyMap<string, ClusterInfo>, appealId: string): ShareMember | null {
  const share = team?.offlineShare;
  if (share === undefined || team === null || team.me === null) return null;
  if (share !== shareOfList) {
    shareOfList = share;
    ownerOf = shareOwners(share);
  }
  const owner = ownerOf(appealId, clusterOf.get(appealId)?.clusterId);
  return owner !== null && owner.id !== team.me ? owner : null;
}
