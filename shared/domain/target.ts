// Routing targets: the ministries, the regional government, the city hall and the municipalities.
import { z } from 'zod';
import { Identifier } from './identifier.js';

export const TargetKind = z.enum(['ministry', 'municipality', 'other']);
export type TargetKind = z.infer<typeof TargetKind>;

export const Target = z.object({
  id: Identifier,
  kind: TargetKind,
  name: z.string().min(1).max(300),
  shortName: z.string().min(1).max(100),
});
export type Target = z.infer<typeof Target>;

/**
 * A target in a narrow column (the inbox's «Предложение»): its short name without what every name of its kind
 * repeats — the region after a ministry («Минздрав НСО» → «Минздрав»), «район» after a district («Баганский район»
 * → «Баганский»). The full names stay in tooltips and the detail pane.
 */
export function targetColumnLabel(target: Pick<Target, 'kind' | 'shortName'>): string {
  const label = target.kind === 'municipality'
    ? target.shortName.replace(/ (?:муниципальный )?район$/u, '')
    : target.shortName.replace(/ [А-ЯЁ]{2,4}$/u, '');
  return label === '' ? target.shortName : label;
}
