// Schema version 4: the routing model learned on this machine (so nothing is forgotten on restart), which
// routed appeals it has learned (to take one back when its target changes) and the suggestions per waiting appeal.
import type { Migration } from './migration.js';

export const migration004: Migration = {
  version: 4,
  name: 'suggestions',
  sql: `
    CREATE TABLE suggest_model (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      state_json TEXT NOT NULL,
      learned INTEGER NOT NULL,
      revision INTEGER NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE suggest_learned (
      appeal_id TEXT PRIMARY KEY,
      target_id TEXT NOT NULL,
      cls TEXT NOT NULL
    );
    CREATE TABLE suggestions (
      appeal_id TEXT PRIMARY KEY,
      top_target_id TEXT,
      top_score REAL,
      model_revision INTEGER NOT NULL,
      -- {suggestions: [{targetId, name, score, reason}], place: {name, text, targetId} | null}
      json TEXT NOT NULL
    );
  `,
};
