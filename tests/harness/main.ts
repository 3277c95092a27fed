// `npm run harness`: starts the browser test harness from the command line and prints
// `listening on http://127.0.0.1:H/#k=<key>` once it serves (and, with --login, once signed in): the address to open,
// with this start's key in the fragment.
import { HARNESS_USAGE, parseHarnessArgs } from './harness-args.js';
import { startHarness } from './start-harness.js';

const parsed = parseHarnessArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`harness: ${parsed.error}\n${HARNESS_USAGE}`);
  process.exit(2);
}
const { args } = parsed;

try {
  const harness = await startHarness({
    port: args.port,
    apiUrl: args.apiUrl,
    dataDir: args.dataDir,
    ...(args.login ? { login: args.login } : {}),
    ...(args.pushDelayMs !== undefined ? { pushDelayMs: args.pushDelayMs } : {}),
    ...(args.syncIntervalMs !== undefined ? { syncIntervalMs: args.syncIntervalMs } : {}),
    log: (line) => console.error(line),
  });
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    harness.close().then(() => process.exit(0), (error: unknown) => {
      console.error(`harness: close failed: ${String(error)}`);
      process.exit(1);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`listening on ${harness.url}`);
} catch (error) {
  console.error(`harness: failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
