// Reads of surge clusters for the inbox: one row per cluster (its first appeal in inbox order as the face, all
// its waiting members right under it when expanded), the waiting size of each, and a cluster's members.
import type { ClusterMember } from '../../../shared/desk-api/clusters-contract.js';
import type { CacheDb } from '../cache/open-cache.js';

export interface ClusterInfo {
  clusterId: string;
  /** Waiting appeals in the cluster. */
  size: number;
}

export interface CollapsedIds {
  ids: string[];
  /** For every listed id that stands for (or belongs to) a cluster of two or more waiting appeals. */
  clusters: Record<string, ClusterInfo>;
}

interface MemberRow {
  id: string;
  source: ClusterMember['source'];
  author_name: string;
  excerpt: string;
  received_at: string;
  local_status: ClusterMember['status'];
  reason: string | null;
}

export class ClusterStore {
  private readonly waitingClustered;
  private readonly clusterOfStmt;
  private readonly membersStmt;
  private readonly waitingMembersStmt;

  constructor(db: CacheDb) {
    // Served by the partial index appeals_cluster: only clustered rows are read, however long the inbox.
    this.waitingClustered = db.prepare<[], { id: string; cluster_id: string }>(
      "SELECT id, cluster_id FROM appeals WHERE cluster_id IS NOT NULL AND local_status = 'new'");
    this.clusterOfStmt = db.prepare<[string], { cluster_id: string | null }>('SELECT cluster_id FROM appeals WHERE id = ?');
    this.membersStmt = db.prepare<[string], MemberRow>(`
      SELECT a.id, a.source, a.author_name, a.excerpt, a.received_at, a.local_status, f.reason
      FROM appeals a LEFT JOIN cluster_features f ON f.appeal_id = a.id
      WHERE a.cluster_id = ? ORDER BY a.received_ms DESC, a.id`);
    this.waitingMembersStmt = db.prepare<[string], string>(
      "SELECT id FROM appeals WHERE cluster_id = ? AND local_status = 'new' ORDER BY received_ms DESC, id").pluck();
  }

  clusterIdOf(appealId: string): string | null {
    return this.clusterOfStmt.get(appealId)?.cluster_id ?? null;
  }

  /** Waiting ids in `ordered` collapsed to one per cluster, except the expanded clusters' members. */
  collapse(ordered: readonly string[], expanded: ReadonlySet<string>): CollapsedIds {
    const clusterOf = new Map<string, string>();
    const size = new Map<string, number>();
    for (const { id, cluster_id } of this.waitingClustered.all()) {
      clusterOf.set(id, cluster_id);
      size.set(cluster_id, (size.get(cluster_id) ?? 0) + 1);
    }
    if (clusterOf.size === 0) return { ids: [...ordered], clusters: {} };
    // Members of expanded clusters in list order, to place them under their face.
    const membersInOrder = new Map<string, string[]>();
    for (const id of ordered) {
      const clusterId = clusterOf.get(id);
      if (clusterId !== undefined && expanded.has(clusterId)) {
        const list = membersInOrder.get(clusterId) ?? [];
        list.push(id);
        membersInOrder.set(clusterId, list);
      }
    }
    const ids: string[] = [];
    const clusters: Record<string, ClusterInfo> = {};
    const placed = new Set<string>();
    for (const id of ordered) {
      const clusterId = clusterOf.get(id);
      const n = clusterId === undefined ? 0 : size.get(clusterId) ?? 0;
      if (clusterId === undefined || n < 2) {
        ids.push(id);
        continue;
      }
      if (placed.has(clusterId)) continue;
      placed.add(clusterId);
      for (const member of expanded.has(clusterId) ? membersInOrder.get(clusterId) ?? [id] : [id]) {
        ids.push(member);
        clusters[member] = { clusterId, size: n };
      }
    }
    return { ids, clusters };
  }

  /** Every member, newest first, with where it stands and why it joined. */
  members(clusterId: string): ClusterMember[] {
    return this.membersStmt.all(clusterId).map((row) => ({
      id: row.id, source: row.source, authorName: row.author_name, excerpt: row.excerpt, receivedAt: row.received_at,
      status: row.local_status,
      reason: row.reason === 'surge' || row.reason === 'duplicate' || row.reason === 'copy' ? row.reason : null,
    }));
  }

  waitingMembers(clusterId: string): string[] {
    return this.waitingMembersStmt.all(clusterId);
  }
}
