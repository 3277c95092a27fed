// The operator's own preferences on the central API (issue 13, item 5): kept per user on the server so that an
// operator finds the same favourite targets on any desk, and two operators sharing one PC each keep their own.
import { z } from 'zod';
import { Identifier } from '../domain/identifier.js';
import { wellFormedStrings } from './well-formed-text.js';

/** The digit keys 1–9: at most nine favourite targets (shared/desk-api's FAVORITE_SLOTS is the same number). */
export const MAX_FAVORITE_TARGETS = 9;

/**
 * What PUT stores and GET returns. `favoriteTargets` null: never chosen by this user (the desk keeps its own then);
 * an empty list is a choice too (every slot cleared). Target ids are not checked against the target list: reference
 * data may lag behind a desk's, and the desk drops unknown ids when it shows them.
 */
export const Preferences = wellFormedStrings(z.object({
  /** Slot 1 first; '' is an empty slot between chosen ones (slot numbers are the keys, so they never shift). */
  favoriteTargets: z.array(z.union([Identifier, z.literal('')])).max(MAX_FAVORITE_TARGETS).nullable(),
}).strict());
export type Preferences = z.infer<typeof Preferences>;
