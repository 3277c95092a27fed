// The coordinator's handle on one headless desk of the team bench (team-headless-main.ts in a child process).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DeskLog, FromOperator, ReadTiming, ToOperator } from './team-types.js';

const DESK_MAIN = fileURLToPath(new URL('./team-headless-main.ts', import.meta.url));

/** One operator's desk as the coordinator drives it (headless or renderer-driven). */
export interface TeamDesk {
  desk: string;
  kind: 'headless' | 'renderer';
  userId: string;
  /** Starts the operator at this moment (epoch ms). */
  start(at: number): void;
  /** Ends the operator's work (a read in progress is abandoned). */
  stop(): Promise<void>;
  /** Waits until every decision of the desk has reached the server. */
  drain(): Promise<void>;
  collect(): Promise<DeskLog>;
  close(): Promise<void>;
}

export interface HeadlessDeskOptions {
  desk: string;
  apiUrl: string;
  dataDir: string;
  login: string;
  expectWaiting: number;
  seed: number;
  read: ReadTiming;
  order: 'newest' | 'urgency';
}

export async function startHeadlessDesk(options: HeadlessDeskOptions): Promise<TeamDesk> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', DESK_MAIN],
    { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { stderr = (stderr + chunk).slice(-4000); });
  let waiters: { type: FromOperator['type']; resolve: (m: FromOperator) => void; reject: (e: Error) => void }[] = [];
  const failAll = (error: Error): void => {
    for (const waiter of waiters.splice(0)) waiter.reject(error);
  };
  child.on('message', (message: FromOperator) => {
    if (message.type === 'error') {
      failAll(new Error(`${options.desk}: ${message.message}`));
      return;
    }
    const index = waiters.findIndex((w) => w.type === message.type);
    const waiter = waiters[index];
    if (waiter) {
      waiters = waiters.filter((_w, i) => i !== index);
      waiter.resolve(message);
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', (code) => {
    failAll(new Error(`${options.desk}: desk process exited (${code}): ${stderr}`));
    resolve();
  }));
  function request<T extends FromOperator['type']>(message: ToOperator, reply: T): Promise<Extract<FromOperator, { type: T }>> {
    return new Promise((resolve, reject) => {
      waiters.push({ type: reply, resolve: resolve as (m: FromOperator) => void, reject });
      child.send(message);
    });
  }

  const ready = await request({ type: 'init', ...options }, 'ready').catch(async (error: unknown) => {
    child.kill();
    await exited;
    throw error;
  });
  return {
    desk: options.desk,
    kind: 'headless',
    userId: ready.userId,
    start: (at) => { child.send({ type: 'start', at } satisfies ToOperator); },
    stop: async () => { await request({ type: 'stop' }, 'stopped'); },
    drain: async () => { await request({ type: 'drain' }, 'drained'); },
    collect: async () => (await request({ type: 'collect' }, 'log')).log,
    close: async () => {
      if (child.exitCode === null) {
        await Promise.race([request({ type: 'close' }, 'closed').catch(() => undefined),
          new Promise((resolve) => setTimeout(resolve, 15_000))]);
        if (child.exitCode === null) child.kill();
      }
      await exited;
    },
  };
}
