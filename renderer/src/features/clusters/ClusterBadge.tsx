// The count badge of a surge cluster in the inbox grid (#6): «+4» on a folded cluster's row (four more appeals
// behind it), «группа 5» on each member of an unfolded one.
import { APPEAL_FORMS, countRu } from '../../../../shared/text/plural-ru.js';
import { useDeskStore } from '../../store/desk-store.js';

export function ClusterBadge({ appealId }: { appealId: string }) {
  const cluster = useDeskStore((s) => s.clusterOf.get(appealId));
  const open = useDeskStore((s) => (cluster ? s.expandedClusters.has(cluster.clusterId) : false));
  if (!cluster) return null;
  return open ? (
    <span className="cluster-badge open" data-testid="cluster-badge" title={`Группа: ${countRu(cluster.size, APPEAL_FORMS)} (G — свернуть)`}>
      группа {cluster.size}
    </span>
  ) : (
    <span className="cluster-badge" data-testid="cluster-badge"
      title={`Ещё похожих: ${countRu(cluster.size - 1, APPEAL_FORMS)}; одна клавиша решает всю группу (G — раскрыть)`}>
      +{cluster.size - 1}
    </span>
  );
}
