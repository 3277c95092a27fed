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
 * → «Баганский»), and the city after a «Мэрия» («Мэрия Новосибирска» → «Мэрия»: a region's one мэрия is its
 * capital's, the other towns have an «администрация»; it read «Мэрия Ново…» at 150 %). The full names stay in
 * tooltips and the detail pane; the unit test checks the region's labels stay distinct.
 */
export function targetColumnLabel(target: Pick<Target, 'kind' | 'shortName'>): string {
  const label = target.kind === 'municipality'
    ? target.shortName.replace(/ (?:муниципальный )?район$/u, '').replace(/^(Мэрия) .+$/u, '$1')
    : target.shortName.replace(/ [А-ЯЁ]{2,4}$/u, '');
  return label === '' ? target.shortName : label;
}
