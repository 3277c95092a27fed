// Schema version 6 (issue #4 part A; 003 is the search half of the same issue): each appeal's routing and answer
// deadlines in working time, filled by the core (deadline-keeper.ts), so the inbox can sort by urgency.
import type { Migration } from './migration.js';

export const migration006: Migration = {
  version: 6,
  name: 'deadlines',
  sql: `
    ALTER TABLE appeals ADD COLUMN route_due_ms INTEGER;
    ALTER TABLE appeals ADD COLUMN answer_due_ms INTEGER;
    -- Waiting appeals by urgency (the nearest routing deadline first).
    CREATE INDEX appeals_urgency ON appeals (local_status, route_due_ms, id);
    -- Rows still without deadlines (fresh from a pull): found without a scan.
    CREATE INDEX appeals_deadline_missing ON appeals (id) WHERE route_due_ms IS NULL;
  `,
};
