// Command line for the reference central API:
//   `npm run server -- --port P (--data DIR | --database postgres://…) [--demo N] [--history M] [--host H] [--pool K]
//    [--connectors FILE] [--demo-live-public] [--demo-worked]`. --connectors takes appeals in from the platforms' webhooks
//    (server/connectors/); --demo-live-public (the desktop app's embedded demo) has a simulated public post to demo VK,
//    Telegram and OK pages through the connectors every few seconds (server/demo/live-public.ts).
// --data keeps everything in one SQLite file in DIR (the embedded default); --database (or TRIAGE_DESK_DATABASE_URL
// in the environment, which keeps the password out of the process list) uses PostgreSQL, where several instances may
// serve one database. --demo N also seeds N older routed appeals as history (or M with --history; 0 for none);
// --demo-worked has the demo shift decide the N as it would have by now (server/demo/demo-shift.ts).
// A store without users gets the demo accounts (password = login) on SQLite, and on PostgreSQL only with --demo or
// --demo-users: a production database starts empty and IT adds people with `npm run server:add-user`.
// Stdout carries exactly one line, `listening on <url>`, once ready; everything else goes to stderr.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { helpIfAsked } from './cli-exit.js';
import { startServer } from './start-server.js';
import { redactDatabaseUrl } from './store/postgres-store.js';
import { DB_FILE_NAME } from './store/sqlite-store.js';

const USAGE = 'usage: npm run server -- --port <0-65535> (--data <dir> | --database <postgres://…>) [--demo <count>] '
  + '[--history <count>] [--host <address>] [--pool <connections>] [--demo-users] [--connectors <file.json>] [--demo-live-public]\n'
  + '       [--demo-worked]   the demo appeals as a shift left them (the desktop app\'s embedded demo)\n'
  + '       the database URL may come from TRIAGE_DESK_DATABASE_URL instead of --database';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function readOptions() {
  helpIfAsked(USAGE);
  let values;
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, data: { type: 'string' }, database: { type: 'string' }, pool: { type: 'string' },
        'demo-users': { type: 'boolean' }, 'demo-live-public': { type: 'boolean' },
        'demo-worked': { type: 'boolean' },
        demo: { type: 'string' }, history: { type: 'string' }, host: { type: 'string' }, connectors: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(`bad arguments: ${(err as Error).message}`);
  }
  const port = Number(values.port);
  if (values.port === undefined || !/^\d+$/.test(values.port) || port > 65535) fail('--port must be a number 0..65535');
  const databaseUrl = values.database ?? (process.env.TRIAGE_DESK_DATABASE_URL || undefined);
  if (values.data && databaseUrl) {
    fail(values.database ? 'give either --data or --database, not both'
      : 'TRIAGE_DESK_DATABASE_URL is set: drop --data, or unset it to use the SQLite folder');
  }
  if (!values.data && !databaseUrl) fail('--data <dir> or --database <postgres://…> is required');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) fail('the database URL must start with postgres://');
  if (values.pool !== undefined && (!/^\d+$/.test(values.pool) || Number(values.pool) < 1 || Number(values.pool) > 200)) {
    fail('--pool must be a whole number of connections, 1..200');
  }
  const demo = values.demo === undefined ? undefined : Number(values.demo);
  if (values.demo !== undefined && (!/^\d+$/.test(values.demo) || demo === undefined || demo > 1_000_000)) {
    fail('--demo must be a whole number of appeals, at most 1000000');
  }
  if (values.history !== undefined && (!/^\d+$/.test(values.history) || Number(values.history) > 150_000)) {
    fail('--history must be a whole number of appeals, at most 150000');
  }
  const demoHistory = values.history !== undefined ? Number(values.history) : demo;
  return { port,
    ...(databaseUrl !== undefined ? { databaseUrl } : { dataDir: values.data ?? '' }),
    ...(values.pool !== undefined ? { databasePoolSize: Number(values.pool) } : {}),
    ...(values['demo-users'] ? { demoUsers: true } : {}),
    ...(values.connectors !== undefined ? { connectors: { file: values.connectors } } : {}),
    ...(values['demo-live-public'] ? { demoLivePublic: {} } : {}),
    ...(values['demo-worked'] ? { demoWorked: true } : {}),
    ...(demo === undefined ? {} : { demo }),
    ...(demoHistory === undefined ? {} : { demoHistory: Math.min(demoHistory, 150_000) }), ...(values.host ? { host: values.host } : {}) };
}

const options = readOptions();
const log = (line: string) => process.stderr.write(`${line}\n`);
const server = await startServer({ ...options, log }).catch((err: unknown) => {
  log(`cannot start: ${(err as Error).message}`);
  process.exit(1);
});
// Which store this instance serves, for IT reading the log of several (the password never shown).
log(`store: ${'databaseUrl' in options ? redactDatabaseUrl(options.databaseUrl) : join(options.dataDir, DB_FILE_NAME)}`);
process.stdout.write(`listening on ${server.url}\n`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: closing`);
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
