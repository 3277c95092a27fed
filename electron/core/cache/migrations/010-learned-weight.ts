// Schema version 10 (issue 15 item 5): how much each learned decision counts in the routing model, and the first
// suggestion the operator saw when deciding. A decision that corrects the suggestion counts more than one that
// agrees; the weight is kept so the decision can be taken back exactly (its target changed after a conflict).
// Rows learned before have weight 1 and no known suggestion, as they were learned.
import type { Migration } from './migration.js';

export const migration010: Migration = {
  version: 10,
  name: 'learned-weight',
  sql: `
    ALTER TABLE suggest_learned ADD COLUMN weight REAL NOT NULL DEFAULT 1;
    ALTER TABLE suggest_learned ADD COLUMN suggested_target_id TEXT;
  `,
};
