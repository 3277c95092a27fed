// Schema version 12: the ranking changed without the model changing (issue 15, 3 December: the page an appeal was
// written on stands in for its place; a lone concept is no longer scored as certainty, with the calibration refitted).
// The worker rescores a waiting appeal only when its suggestion is missing or older than the model by its learned count,
// so on an upgraded desk every waiting appeal would keep the old scale (90 % where the same text newly scored shows
// 72 %) and no «страница:» reason until ~2 % more decisions were learned. Dropping the waiting appeals' stored
// suggestions makes the worker score them again, newest first; the routed appeals' rows (the suggestion the operator
// saw, which tells a correction from an agreement when it is learned) are kept.
import type { Migration } from './migration.js';

export const migration012: Migration = {
  version: 12,
  name: 'rescore-ranking',
  sql: `
    DELETE FROM suggestions WHERE appeal_id IN (SELECT id FROM appeals WHERE local_status = 'new');
  `,
};
