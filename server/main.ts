// Command line for the reference central API: `npm run server -- --port P --data DIR [--demo N] [--history M] [--host H]`.
// --demo N also seeds N older routed appeals as history (or M with --history; 0 for none).
// Stdout carries exactly one line, `listening on <url>`, once ready; everything else goes to stderr.
import { parseArgs } from 'node:util';
import { startServer } from './start-server.js';

const USAGE = 'usage: npm run server -- --port <0-65535> --data <dir> [--demo <count>] [--history <count>] [--host <address>]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, data: { type: 'string' }, demo: { type: 'string' }, history: { type: 'string' }, host: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail(`bad arguments: ${(err as Error).message}`);
  }
  const port = Number(values.port);
  if (values.port === undefined || !/^\d+$/.test(values.port) || port > 65535) fail('--port must be a number 0..65535');
  if (!values.data) fail('--data <dir> is required');
  const demo = values.demo === undefined ? undefined : Number(values.demo);
  if (values.demo !== undefined && (!/^\d+$/.test(values.demo) || demo === undefined || demo > 1_000_000)) {
    fail('--demo must be a whole number of appeals, at most 1000000');
  }
  if (values.history !== undefined && (!/^\d+$/.test(values.history) || Number(values.history) > 150_000)) {
    fail('--history must be a whole number of appeals, at most 150000');
  }
  const demoHistory = values.history !== undefined ? Number(values.history) : demo;
  return { port, dataDir: values.data, ...(demo === undefined ? {} : { demo }),
    ...(demoHistory === undefined ? {} : { demoHistory: Math.min(demoHistory, 150_000) }), ...(values.host ? { host: values.host } : {}) };
}

const options = readOptions();
const log = (line: string) => process.stderr.write(`${line}\n`);
const server = await startServer({ ...options, log }).catch((err: unknown) => {
  log(`cannot start: ${(err as Error).message}`);
  process.exit(1);
});
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
