// Child process of the team bench: one headless desk (a real desk core with its own data folder) and its simulated
// operator. Each desk runs in its own process, as each operator has their own machine: one desk's SQLite work does
// not delay another desk's view. Driven over IPC by team-headless-desk.ts (init → ready, start, stop, drain, close).
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createDeskCore, type DeskCore } from '../../electron/core/desk-core.js';
import { deskCall, DeskObserver } from './team-desk-observer.js';
import { waitDeskDrained, waitDeskReady } from './team-desk-readiness.js';
import { runSimulatedOperator, seededRandom } from './team-simulated-operator.js';
import { emptyLog, type DeskLog, type FromOperator, type ToOperator } from './team-types.js';

let core: DeskCore | null = null;
let observer: DeskObserver | null = null;
let log: DeskLog | null = null;
let running: Promise<void> | null = null;
let stopScenario: () => void = () => undefined;
const stopped = new Promise<void>((resolve) => { stopScenario = resolve; });

function send(message: FromOperator): void {
  process.send?.(message);
}

async function handle(message: ToOperator): Promise<void> {
  switch (message.type) {
    case 'init': {
      const coreLog = createWriteStream(join(message.dataDir, 'core.log'));
      core = await createDeskCore({ dataDir: message.dataDir, apiUrl: message.apiUrl,
        log: (line) => coreLog.write(`${new Date().toISOString()} ${line}\n`) });
      const session = await deskCall(core, 'session.login', { login: message.login, password: message.login });
      log = emptyLog(message.desk, session.user?.id ?? message.login, 'headless');
      const ready = await waitDeskReady(core, message.expectWaiting, log.notes);
      log.liveAtStart = ready.live;
      observer = new DeskObserver(core, log);
      await observer.start();
      const random = seededRandom(message.seed);
      const init = message;
      // Started by the coordinator's `start` at one moment for every desk.
      startAt = (at) => {
        running = new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())))
          .then(() => runSimulatedOperator({ core: core as DeskCore, observer: observer as DeskObserver, log: log as DeskLog,
            read: init.read, order: init.order, random, stopped }))
          .catch((error: unknown) => { log?.notes.push(`operator failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`); });
      };
      send({ type: 'ready', userId: log.userId, waiting: ready.waiting, live: ready.live });
      return;
    }
    case 'start':
      startAt(message.at);
      return;
    case 'stop':
      stopScenario();
      await running;
      send({ type: 'stopped' });
      return;
    case 'drain': {
      if (!core || !observer || !log) throw new Error('drain before init');
      await waitDeskDrained(core, log.notes);
      send({ type: 'drained' });
      return;
    }
    case 'collect': {
      if (!core || !observer || !log) throw new Error('collect before init');
      await observer.settled();
      log.conflictsListed = (await deskCall(core, 'conflicts.list', {})).conflicts.length;
      log.liveAtEnd = observer.live();
      send({ type: 'log', log });
      return;
    }
    case 'close':
      observer?.stop();
      await core?.close();
      send({ type: 'closed' });
      setTimeout(() => process.exit(0), 50);
      return;
  }
}

let startAt: (at: number) => void = () => undefined;

process.on('message', (message: ToOperator) => {
  handle(message).catch((error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) });
  });
});
process.on('disconnect', () => process.exit(0));
