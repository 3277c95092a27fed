// Who works in the app and what each role may do.
import { z } from 'zod';
import { Identifier } from './identifier.js';

export const Role = z.enum(['operator', 'lead', 'connector']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: Identifier,
  name: z.string().max(200),
  role: Role,
});
export type User = z.infer<typeof User>;
