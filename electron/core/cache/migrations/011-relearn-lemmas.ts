// Schema version 11 (review 47, H3): the routing model learns again from scratch. Words are now keyed by lemma
// (features.ts, lemma-ru.ts), not by the Snowball stem: a model learned before holds the old keys, its decisions all
// at weight 1, and taking one back after a conflict would subtract the new keys (which it never added); the stored
// suggestions hold raw, uncalibrated scores. Forgetting the model, the learned decisions and the suggestions makes
// the training worker learn every routed appeal again with the new features and weights, and suggest anew.
// One thing is kept: the first suggestion the operator saw for a routed appeal (from the learned decision, else from
// its stored suggestion), as a suggestion row with no candidates, so a correction still weighs as a correction when
// it is learned again (collectTraining reads it; dropDecidedSuggestions removes the row once it is learned).
// And a fingerprint of the text each decision is learned from (model-store.ts learnedTextHash): a decision is taken
// back with its features only while the appeal's text is the one it was learned from (review 47, L1).
import type { Migration } from './migration.js';

const NO_CANDIDATES = '{"suggestions":[],"place":null}';

/** Forgets the model, the learned decisions and the suggestions, keeping the first suggestion each routed appeal showed. */
export const RELEARN_FROM_SCRATCH_SQL = `
    DELETE FROM suggestions WHERE appeal_id NOT IN (SELECT id FROM appeals WHERE local_status = 'routed');
    UPDATE suggestions SET top_score = NULL, model_revision = 0, json = '${NO_CANDIDATES}';
    INSERT OR REPLACE INTO suggestions (appeal_id, top_target_id, top_score, model_revision, json)
      SELECT l.appeal_id, l.suggested_target_id, NULL, 0, '${NO_CANDIDATES}'
      FROM suggest_learned l JOIN appeals a ON a.id = l.appeal_id
      WHERE a.local_status = 'routed' AND l.suggested_target_id IS NOT NULL;
    DELETE FROM suggest_learned;
    DELETE FROM suggest_model;`;

export const migration011: Migration = {
  version: 11,
  name: 'relearn-lemmas',
  sql: `${RELEARN_FROM_SCRATCH_SQL}
    ALTER TABLE suggest_learned ADD COLUMN text_hash TEXT;
  `,
};
