// Schema version 2 (sync): the outbox by creation time — "which decisions are past their undo grace" and "when is
// the next one due" are asked after every run; after days offline the outbox can hold a whole shift's work.
import type { Migration } from './migration.js';

export const migration002: Migration = {
  version: 2,
  name: 'outbox-due',
  sql: `
    CREATE INDEX outbox_created ON outbox (created_ms);
  `,
};
