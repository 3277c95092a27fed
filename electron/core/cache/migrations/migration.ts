// The shape of one schema migration: version N takes a database at N-1 to N.
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data work SQL cannot do (e.g. re-indexing with JavaScript's text folding); runs after `sql`, same transaction. */
  data?: (db: Database) => void;
}
