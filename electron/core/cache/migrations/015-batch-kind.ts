// Schema version 15: what a batch of decisions taken together was — a surge cluster decided with one key, or a shift
// lead's selection in a queue — so the undo toast names it rightly («группа» is a cluster's word, not a selection's).
// NULL on a row decided alone, and on a batch stored before this version (cluster or selection, it cannot be told now:
// the toast then counts the appeals without naming the kind).
import type { Migration } from './migration.js';

export const migration015: Migration = {
  version: 15,
  name: 'batch-kind',
  sql: `
    ALTER TABLE outbox ADD COLUMN batch_kind TEXT CHECK (batch_kind IN ('cluster', 'selection'));
  `,
};
