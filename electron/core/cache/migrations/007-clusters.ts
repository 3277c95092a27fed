// Schema version 7 (issue #6, surge clusters): which cluster each appeal belongs to, the lookup keys (places named,
// author) and the features clustering compares, and a batch id on the outbox so a cluster decision is undone whole.
import type { Migration } from './migration.js';

export const migration007: Migration = {
  version: 7,
  name: 'clusters',
  sql: `
    -- NULL: alone. Otherwise the id of the cluster's first appeal (every member, the first one too, carries it).
    ALTER TABLE appeals ADD COLUMN cluster_id TEXT;
    -- NULL until the clusterer has looked at the appeal (new from a pull): found without a scan.
    ALTER TABLE appeals ADD COLUMN cluster_checked INTEGER;
    CREATE INDEX appeals_cluster ON appeals (cluster_id, local_status) WHERE cluster_id IS NOT NULL;
    CREATE INDEX appeals_cluster_unchecked ON appeals (received_ms, id) WHERE cluster_checked IS NULL;
    -- 'p:<place>' and 'a:<author>' per appeal that was waiting when it was looked at: candidates within hours.
    CREATE TABLE cluster_keys (
      key TEXT NOT NULL,
      received_ms INTEGER NOT NULL,
      appeal_id TEXT NOT NULL,
      PRIMARY KEY (key, received_ms, appeal_id)
    ) WITHOUT ROWID;
    CREATE TABLE cluster_features (
      appeal_id TEXT PRIMARY KEY,
      -- {places, author, topic, problem, words} (cluster-features.ts)
      json TEXT NOT NULL,
      -- Why it joined its cluster: 'surge' or 'duplicate'; NULL for the first appeal or one alone.
      reason TEXT
    );
    -- Decisions taken together (a whole cluster with one key): Ctrl+Z takes them back together.
    ALTER TABLE outbox ADD COLUMN batch_id TEXT;
    CREATE INDEX outbox_batch ON outbox (batch_id) WHERE batch_id IS NOT NULL;
  `,
};
