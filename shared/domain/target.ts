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
