// Schema version 9 (issue 14 item 6): when the author withdrew the appeal (deleted the post on the platform), as the
// server last reported it, beside the grid's other columns so a window of rows shows the mark without reading each
// appeal's JSON. NULL = not withdrawn. Filled from what the cache already holds (nothing, from an older server).
import type { Migration } from './migration.js';

export const migration009: Migration = {
  version: 9,
  name: 'withdrawn',
  sql: `
    ALTER TABLE appeals ADD COLUMN withdrawn_at TEXT;
    UPDATE appeals SET withdrawn_at = json_extract(server_json, '$.withdrawnAt')
      WHERE json_extract(server_json, '$.withdrawnAt') IS NOT NULL;
  `,
};
