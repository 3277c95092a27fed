// Sign-out wipe: removes every row that came from citizens or from the signed-in operator's work, in every
// table (including ones later migrations add), keeping only reference data (targets), workstation settings and the
// decisions still queued that the caller names (someone's work, see WipeOptions).
// secure_delete overwrites freed pages, and the WAL is truncated and the file vacuumed, so nothing lingers on disk.
import type { CacheDb } from './open-cache.js';

/** Tables that hold no personal data: reference data and the key/value settings (filtered below). */
const KEPT_TABLES: ReadonlySet<string> = new Set(['targets', 'meta']);
/** Meta keys that are workstation settings, not anyone's data (each operator's key layout is a preference too). */
const KEPT_META_KEYS = ['favorites', 'keymaps'] as const;
const FTS5_SHADOW_SUFFIXES = ['_data', '_idx', '_content', '_docsize', '_config'];

const KEPT_ROW = "json_extract(decided_by, '$.id') IN (SELECT value FROM json_each(?))";

interface TableRow { name: string; sql: string | null }

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export interface WipeOptions {
  /**
   * Outbox rows by these users stay (another operator's unsent decisions on a shared desk, or the leaving operator's
   * own when they chose to keep them queued), with the appeal rows they reference: someone's work is never wiped.
   */
  keepOutboxOf?: readonly string[];
}

/** Wipes in one transaction, then reclaims the space. Returns the tables that were emptied. */
export function wipeCitizenData(db: CacheDb, options: WipeOptions = {}): string[] {
  const keepOutboxOf = JSON.stringify(options.keepOutboxOf ?? []);
  const tables = db.prepare<[], TableRow>(
    "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all();
  const fts = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? '') && /USING\s+fts5/i.test(t.sql ?? ''));
  const shadow = new Set(fts.flatMap((t) => FTS5_SHADOW_SUFFIXES.map((suffix) => `${t.name}${suffix}`)));
  const plain = tables.filter((t) => !fts.includes(t) && !shadow.has(t.name) && !KEPT_TABLES.has(t.name));

  db.pragma('secure_delete = ON');
  db.transaction(() => {
    // Children before parents would need the right order; deferring the checks makes any order correct.
    db.pragma('defer_foreign_keys = ON');
    for (const table of fts) {
      try {
        // Contentless and external-content FTS5 tables are emptied with the special 'delete-all' command.
        db.prepare(`INSERT INTO ${quote(table.name)} (${quote(table.name)}) VALUES ('delete-all')`).run();
      } catch {
        db.prepare(`DELETE FROM ${quote(table.name)}`).run();
      }
    }
    for (const table of plain) {
      if (table.name === 'outbox') {
        db.prepare(`DELETE FROM outbox WHERE NOT (${KEPT_ROW})`).run(keepOutboxOf);
      } else if (table.name === 'appeals') {
        // A kept decision's appeal row stays too (the outbox row references it); the next sign-in re-pulls it whole.
        db.prepare(`DELETE FROM appeals WHERE id NOT IN (SELECT appeal_id FROM outbox WHERE ${KEPT_ROW})`).run(keepOutboxOf);
      } else {
        db.prepare(`DELETE FROM ${quote(table.name)}`).run();
      }
    }
    db.prepare(`DELETE FROM meta WHERE key NOT IN (${KEPT_META_KEYS.map(() => '?').join(', ')})`).run(...KEPT_META_KEYS);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return [...fts, ...plain].map((t) => t.name).concat('meta');
}
