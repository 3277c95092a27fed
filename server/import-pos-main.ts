// Command line for IT: imports a Gosuslugi «Решаем вместе» (ПОС) export, downloaded from the platform's cabinet, into
// the central API's store (issue 14 item 5; the column mapping is docs/pos-import.md).
//   npm run server:import-pos -- (--data DIR | --database postgres://…) [--utc-offset-minutes N] [--channel-url URL] FILE
// Prints the report: rows taken, skipped as already known, refused (row number and reason). Exit 0 when something was
// taken or known; 1 when the file as a whole is refused (not CSV/XLSX, no header row, every row refused) or the store
// cannot be opened; 2 for bad arguments. Re-running it on the same file changes nothing. Works while the server runs;
// desks see the new appeals at their next pull (within a minute) — the upload over the API tells live desks at once.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_UTC_OFFSET_MINUTES } from '../shared/domain/day-bounds.js';
import { fail, helpIfAsked, openStoreOrRefuse, refuse, storeLocation } from './cli-exit.js';
import { POS_BASE_URL } from './connectors/pos/pos-appeal.js';
import { importPosFile, PosFileRefused, reportLines } from './connectors/pos/pos-import.js';
import { startDatabaseClock, type DatabaseClock } from './store/database-clock.js';
import type { PostgresStore } from './store/postgres-store.js';

const USAGE = `usage: npm run server:import-pos -- (--data <dir> | --database <postgres://…>) [--utc-offset-minutes <n>] [--channel-url <url>] <file.csv|file.xlsx>
  --utc-offset-minutes  the centre's offset for dates without one (default ${DEFAULT_UTC_OFFSET_MINUTES}, the working calendar's)
  --channel-url         the channel's link for messages the export gives no link for (default ${POS_BASE_URL})
  The database URL may come from TRIAGE_DESK_DATABASE_URL instead of --database.`;

function readOptions() {
  helpIfAsked(USAGE);
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        data: { type: 'string' }, database: { type: 'string' },
        'utc-offset-minutes': { type: 'string' }, 'channel-url': { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (err) {
    fail(USAGE, `bad arguments: ${(err as Error).message}`);
  }
  const { values, positionals } = parsed;
  const location = storeLocation(values, USAGE);
  if (positionals.length !== 1) fail(USAGE, 'give exactly one export file');
  let utcOffsetMinutes = DEFAULT_UTC_OFFSET_MINUTES;
  if (values['utc-offset-minutes'] !== undefined) {
    utcOffsetMinutes = Number(values['utc-offset-minutes']);
    if (!Number.isInteger(utcOffsetMinutes) || utcOffsetMinutes < -720 || utcOffsetMinutes > 840) fail(USAGE, '--utc-offset-minutes: whole minutes east of UTC, -720…840 (Novosibirsk: 420)');
  }
  const channelUrl = values['channel-url'];
  if (channelUrl !== undefined && !/^https?:\/\/\S+$/.test(channelUrl)) fail(USAGE, '--channel-url: an http(s) address');
  return { location, file: positionals[0] ?? '', utcOffsetMinutes, channelUrl };
}

const options = readOptions();
let bytes: Buffer;
try {
  bytes = readFileSync(options.file);
} catch (err) {
  refuse(`${options.file}: cannot read: ${(err as Error).message}`);
}

const store = await openStoreOrRefuse(options.location);
let exitCode = 0;
let databaseClock: DatabaseClock | undefined;
try {
  // «Now» is the server's, as for the upload: on PostgreSQL the database's clock (start-server.ts), not this machine's.
  if (store.engine === 'postgres') databaseClock = await startDatabaseClock((store as PostgresStore).pool);
  const { report } = await importPosFile(bytes, basename(options.file), {
    store, utcOffsetMinutes: options.utcOffsetMinutes,
    ...(databaseClock !== undefined ? { now: databaseClock.now } : {}),
    ...(options.channelUrl !== undefined ? { channelUrl: options.channelUrl } : {}),
  });
  process.stdout.write(`${reportLines(report).join('\n')}\n`);
  if (report.taken === 0 && report.known === 0) {
    process.stderr.write(`${report.file}: ни одна строка не принята\n`);
    exitCode = 1;
  }
} catch (err) {
  if (!(err instanceof PosFileRefused)) throw err;
  process.stderr.write(`${err.message}\n`);
  exitCode = 1;
} finally {
  databaseClock?.close();
  await store.close();
}
process.exitCode = exitCode;
