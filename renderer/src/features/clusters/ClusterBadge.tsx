// The count badge of a surge cluster in the inbox grid (#6): «+4» on a folded cluster's row (four more appeals
// behind it), «группа 5» on each member of an unfolded one.
import { useDeskStore } from '../../store/desk-store.js';

export function ClusterBadge({ appealId }: { appealId: string }) {
  const cluster = useDeskStore((s) => s.clusterOf.get(appealId));
  const open = useDeskStore((s) => (cluster ? s.expandedClusters.has(cluster.clusterId) : false));
  if (!cluster) return null;
  return open ? (
    <span className="cluster-badge open" data-testid="cluster-badge" title={`Группа из ${cluster.size} обращений (G — свернуть)`}>
      группа {cluster.size}
    </span>
  ) : (
    <span className="cluster-badge" data-testid="cluster-badge"
      title={`Ещё ${cluster.size - 1} похожих обращений: одна клавиша решает все ${cluster.size} (G — раскрыть)`}>
      +{cluster.size - 1}
    </span>
  );
}
