// Command line for moving a pilot's data into PostgreSQL (migrate-data.ts does the work):
//   `npm run server:migrate-data -- --from-data DIR --to-database postgres://…` (or TRIAGE_DESK_DATABASE_URL).
// Progress goes to stderr, the report to stdout. Exit 0 copied and verified, 1 refused or failed (with what the target
// holds now), 2 bad arguments. The database password is never printed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { helpIfAsked } from './cli-exit.js';
import { migrateData, MigrationError, TARGET_UNCHANGED } from './migrate-data.js';
import { DB_FILE_NAME } from './store/sqlite-store.js';

const USAGE = `usage: npm run server:migrate-data -- --from-data <dir> --to-database <postgres://…>
  Copies the central API's data from the SQLite folder <dir> (the server's --data) into an empty PostgreSQL database,
  in one transaction, and verifies it. Stop the server on <dir> first: a folder still in use is refused.
  The target must be empty (a new database, or one no server has started on): nothing is ever merged or overwritten.
  Copied: users with their password hashes, appeals with their change sequence (desks' sync cursors stay valid),
  applied decision ids. Not copied: sessions (everyone signs in again); targets are loaded by the server at start.
  The database URL may come from TRIAGE_DESK_DATABASE_URL instead of --to-database (keeps the password out of ps).
  Exit codes: 0 copied and verified, 1 refused or failed (the target is left as it was), 2 bad arguments.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function readOptions(): { dataDir: string; url: string } {
  helpIfAsked(USAGE);
  let values;
  try {
    ({ values } = parseArgs({
      options: { 'from-data': { type: 'string' }, 'to-database': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(`bad arguments: ${(err as Error).message}`);
  }
  const dataDir = values['from-data'];
  if (!dataDir) fail('--from-data <dir> is required');
  if (!existsSync(join(dataDir, DB_FILE_NAME))) fail(`no ${DB_FILE_NAME} in ${dataDir}: --from-data is the folder the server ran with --data`);
  const url = values['to-database'] ?? (process.env.TRIAGE_DESK_DATABASE_URL || undefined);
  if (!url) fail('--to-database <postgres://…> (or TRIAGE_DESK_DATABASE_URL) is required');
  if (!/^postgres(ql)?:\/\//.test(url)) fail('the database URL must start with postgres://');
  return { dataDir, url };
}

const { dataDir, url } = readOptions();
const log = (line: string) => process.stderr.write(`${line}\n`);
try {
  const r = await migrateData({ from: { engine: 'sqlite', dataDir }, to: { engine: 'postgres', url }, log });
  const rows = r.users + r.appeals + r.mutations;
  process.stdout.write([
    `migrated ${r.from} → ${r.to}`,
    `  users      ${r.users} (password hashes kept: everyone signs in with the same password)`,
    `  appeals    ${r.appeals}, change sequence head ${r.head} (desks continue from their cursors)`,
    `  decisions  ${r.mutations} (a decision re-sent by a desk is answered duplicate)`,
    `  checksum   ${r.checksum} over (id, seq, data) in seq order, equal on both sides`,
    `  time       ${r.seconds.toFixed(1)} s, ${Math.round(rows / Math.max(r.seconds, 0.001))} rows/s`,
    'sessions were not copied: desks sign in again once the server runs on PostgreSQL.',
    '',
  ].join('\n'));
  process.exit(0);
} catch (err) {
  if (err instanceof MigrationError) {
    log(`migration refused or failed: ${err.message}`);
    log(`target: ${err.targetState}`);
  } else {
    log(`migration failed: ${(err as Error).message}`);
    log(`target: ${TARGET_UNCHANGED} (the copy is one transaction)`);
  }
  process.exit(1);
}
