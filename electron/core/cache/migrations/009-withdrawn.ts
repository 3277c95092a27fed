// Schema version 9 (issue 14 item 6): when the author withdrew the appeal (deleted the post on the platform), as the
// server last reported it, beside the grid's other columns so a window of rows shows the mark without reading each
// appeal's JSON. NULL = not withdrawn. Filled from what the cache already holds.
//
// What the cache holds is not enough: a desk before this version parsed /changes with a schema that had no
// `withdrawnAt`, so a withdrawal it pulled was stored without the mark (zod drops unknown keys) at the withdrawn
// version, and the cursor moved past it: the mark would never come. So the cursor is dropped and the next sync pulls
// every appeal again from the start (a first sync's progress bar on a large cache). The pull overwrites a row whose
// version is equal or newer (appeal-store.ts: `excluded.server_version >= appeals.server_version`), so the same
// version, now with its mark, replaces the stored one and pending decisions are rebased on it; nothing is lost from
// the outbox. Only when there are cached appeals: an empty cache has nothing to recover.
import type { Migration } from './migration.js';

export const migration009: Migration = {
  version: 9,
  name: 'withdrawn',
  sql: `
    ALTER TABLE appeals ADD COLUMN withdrawn_at TEXT;
    UPDATE appeals SET withdrawn_at = json_extract(server_json, '$.withdrawnAt')
      WHERE json_extract(server_json, '$.withdrawnAt') IS NOT NULL;
    DELETE FROM meta WHERE key = 'cursor' AND EXISTS (SELECT 1 FROM appeals);
  `,
};
