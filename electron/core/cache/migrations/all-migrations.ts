// Every migration in order; the schema version only grows. A new migration takes the next number above the highest
// registered one (never a lower or "reserved" number: migrate() skips versions <= the cache's) and is appended here.
import type { Migration } from './migration.js';
import { migration001 } from './001-initial.js';
import { migration002 } from './002-outbox-due.js';
import { migration003 } from './003-search.js';
import { migration004 } from './004-suggestions.js';
import { migration006 } from './006-deadlines.js';
import { migration007 } from './007-clusters.js';
import { migration008 } from './008-search-nfc.js';
import { migration009 } from './009-withdrawn.js';
import { migration010 } from './010-learned-weight.js';
import { migration011 } from './011-relearn-lemmas.js';
import { migration012 } from './012-rescore-ranking.js';
import { migration013 } from './013-rescore-ranking.js';
import { migration014 } from './014-learn-places.js';
import { migration015 } from './015-batch-kind.js';
import { migration016 } from './016-first-decision.js';
import { migration017 } from './017-search-invisibles.js';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration006, migration007, migration008, migration009, migration010, migration011,
  migration012, migration013, migration014, migration015, migration016,
  migration017];
// The highest version, not the count: 005 was never used, so gaps are tolerated (but never out of order).
export const LATEST_SCHEMA_VERSION = newestVersion(MIGRATIONS);

export function newestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}
