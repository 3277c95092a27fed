// Schema version 16: appeals carry their first decision (Appeal.firstDecision: who decided first, what and when), so a
// shift lead's correction of an operator's routing stays the operator's routing in «Очереди» and «Статистика». Nothing
// in the tables changes: the facts are read from the appeal's JSON, as its decider already is.
//
// What the cache holds may lack it, though: a desk before this version parsed /changes with a schema that had no
// `firstDecision`, so an upgraded server's appeals were stored without it (zod drops unknown keys) and the cursor moved
// past them; a correction pulled then would read as the lead's routing for good. So, as migration 9 did for the
// withdrawal mark, the cursor is dropped and the next sync pulls every appeal again: the same version, now with the
// field, replaces the stored one (appeal-store.ts: `excluded.server_version >= appeals.server_version`) and pending
// decisions are rebased on it. Only when a decided appeal is cached: undecided ones carry no decision to recover.
import type { Migration } from './migration.js';

export const migration016: Migration = {
  version: 16,
  name: 'first-decision',
  sql: `
    DELETE FROM meta WHERE key = 'cursor' AND EXISTS (SELECT 1 FROM appeals WHERE server_status <> 'new');
  `,
};
