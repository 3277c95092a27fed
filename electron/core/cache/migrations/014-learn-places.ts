// Schema version 14 (issue 15): the routing model also learns the places the gazetteer does not know from the
// decisions (learned-places.ts), kept in the same stored state, and each learned decision keeps the place keys it
// counted (suggest_learned.place_keys), so taking it back subtracts exactly those whatever a later build reads as a
// place. A model learned before holds no places: it is learned again from scratch, as at version 11 — every routed
// appeal, once, by the training worker (~4 s per 100,000) — with the first suggestion each routed appeal showed kept,
// so a correction still weighs as one.
import { RELEARN_FROM_SCRATCH_SQL } from './011-relearn-lemmas.js';
import type { Migration } from './migration.js';

export const migration014: Migration = {
  version: 14,
  name: 'relearn-places',
  sql: `${RELEARN_FROM_SCRATCH_SQL}
    ALTER TABLE suggest_learned ADD COLUMN place_keys TEXT;
  `,
};
