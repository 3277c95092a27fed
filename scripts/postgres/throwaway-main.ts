// `npm run postgres:throwaway`: a throw-away PostgreSQL cluster with an empty database `triage`, for trying the
// central API's PostgreSQL engine locally. Prints `postgres url: <url>` and runs until SIGINT/SIGTERM, then removes
// the cluster. With TRIAGE_DESK_TEST_DATABASE_URL set, `triage` is created on that server and dropped on exit.
import { startThrowawayCluster } from './throwaway-cluster.js';

const cluster = await startThrowawayCluster({ log: (line) => console.error(line) });
let url: string;
try {
  url = await cluster.createDatabase('triage');
} catch (error) {
  await cluster.stop();
  throw error;
}
console.log(`postgres url: ${url}`);

let stopping = false;
const shutdown = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  console.error(`postgres: ${signal}, stopping`);
  cluster.stop().then(
    () => process.exit(0),
    (error: unknown) => { console.error(error); process.exit(1); },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
// Nothing else keeps the event loop alive: the server runs in processes of its own.
setInterval(() => {}, 1 << 30);
