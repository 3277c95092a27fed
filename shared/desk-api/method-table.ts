// What every feature's desk-API method table is made of: method name → zod input and output. The feature tables
// (session, inbox, search, clusters, routing, sync, lead, team) are combined into DESK_METHODS in contract.ts.
import { z } from 'zod';

export interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
}
export type MethodTable = Record<string, MethodSpec>;

/** The input of a method that takes none. */
export const EmptyInput = z.object({}).strict();
