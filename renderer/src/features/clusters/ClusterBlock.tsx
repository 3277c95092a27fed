// The detail pane's list of a surge cluster's appeals (#6): who wrote what and when, and why each joined
// («та же проблема, то же место» / «повтор того же автора» / «тот же текст, другой автор»). Citizen text: React text nodes through inertText(), never HTML.
import { useEffect, useState } from 'react';
import type { ClusterMember } from '../../../../shared/desk-api/routing-contract.js';
import { inertText } from '../../../../shared/text/inert-text.js';
import { Keycap } from '../../components/Keycap.js';
import { SourceBadge } from '../../components/SourceBadge.js';
import { deskCall } from '../../desk-client.js';
import { useDeskStore } from '../../store/desk-store.js';
import { rememberShownMembers } from '../../store/shown-cluster-members.js';
import { formatReceivedShort } from '../../time/novosibirsk-time.js';
import { keysFor } from '../shortcuts/shortcut-table.js';

const REASONS: Record<NonNullable<ClusterMember['reason']>, string> = {
  surge: 'та же проблема, то же место',
  duplicate: 'повтор того же автора',
  copy: 'тот же текст, другой автор',
};
const STATUS: Record<ClusterMember['status'], string> = { new: 'ждёт', routed: 'направлено', rejected: 'отклонено' };

export function ClusterBlock({ appealId }: { appealId: string }) {
  const cluster = useDeskStore((s) => s.clusterOf.get(appealId));
  const open = useDeskStore((s) => (cluster ? s.expandedClusters.has(cluster.clusterId) : false));
  const nowMs = useDeskStore((s) => s.nowMs);
  const [members, setMembers] = useState<{ clusterId: string; list: ClusterMember[] } | null>(null);
  const clusterId = cluster?.clusterId ?? null;
  const size = cluster?.size ?? 0;
  useEffect(() => {
    if (clusterId === null) return undefined;
    let live = true;
    void deskCall('clusters.get', { appealId }).then((result) => {
      if (live && result.ok && result.value.clusterId !== null) {
        setMembers({ clusterId: result.value.clusterId, list: result.value.members });
        // What a folded cluster's decision may cover: exactly the list now on screen.
        rememberShownMembers(result.value.clusterId, result.value.members.map((m) => m.id));
      }
    });
    return () => { live = false; };
  }, [appealId, clusterId, size]);
  if (!cluster) return null;
  const list = members?.clusterId === cluster.clusterId ? members.list : [];
  return (
    <section className="cluster-block" aria-label="Группа похожих обращений" data-testid="cluster-block">
      <h3 className="panel-title">
        Группа · ждут решения: {cluster.size}
        <span className="cluster-block-key"><Keycap keys={keysFor('inbox', 'toggle-cluster')} /> {open ? 'свернуть' : 'раскрыть'}</span>
      </h3>
      <ol className="cluster-members">
        {list.map((m) => (
          <li key={m.id} className={m.id === appealId ? 'cluster-member current' : 'cluster-member'} data-member-id={m.id}>
            <SourceBadge source={m.source} />
            <time dateTime={m.receivedAt}>{formatReceivedShort(m.receivedAt, nowMs)}</time>
            <span className="cluster-member-author">{inertText(m.authorName, 200)}</span>
            <span className="cluster-member-why">{m.status === 'new' ? (m.reason ? REASONS[m.reason] : 'первое') : STATUS[m.status]}</span>
            <span className="cluster-member-text">{inertText(m.excerpt, 300)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
