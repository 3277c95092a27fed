// The short source badge of the grid (ВК, ОК, TG, ПОС), coloured per network, full name on hover.
import { SOURCE_LABELS, SOURCE_SHORT, type Source } from '../../../shared/domain/appeal.js';

export function SourceBadge({ source }: { source: Source }) {
  return <span className={`source-badge source-${source}`} title={SOURCE_LABELS[source]}>{SOURCE_SHORT[source]}</span>;
}
