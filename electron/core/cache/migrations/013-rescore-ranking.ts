// Schema version 13: the ranking changed again without the model changing (issue 15, 4 December: a place's own words
// are no competences, a named place wins a tie, verbs are conjugated, utility networks are also the municipality's).
// As at version 12, the waiting appeals' stored suggestions are dropped so the worker scores them again, newest first;
// otherwise an upgraded desk would show the old ranking until ~2 % more decisions were learned. The routed appeals'
// rows (the suggestion the operator saw) are kept.
import type { Migration } from './migration.js';

export const migration013: Migration = {
  version: 13,
  name: 'rescore-ranking-places',
  sql: `
    DELETE FROM suggestions WHERE appeal_id IN (SELECT id FROM appeals WHERE local_status = 'new');
  `,
};
