// The reference server for the benches in a child process, as in production where the central API runs on another
// machine: in the bench's own process, building and serialising its /changes pages would share one event loop
// with the desk core whose first sync is being timed (and three instances could not use more than one core).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from '../../server/start-server.js';

const SERVER_MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

export interface ServerChild {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/** `server/main.ts` with these arguments; resolves once it prints `listening on <url>`. */
export function spawnServerMain(args: readonly string[]): Promise<ServerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_MAIN, '--port', '0', '--host', '127.0.0.1', ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr = (stderr + chunk).slice(-4000); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (!match?.[1] || child.pid === undefined) return;
      resolve({
        url: match[1],
        pid: child.pid,
        close: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`reference server exited (${code}): ${stderr}`)));
  });
}

export async function startServerProcess(dataDir: string, demo: number): Promise<RunningServer> {
  const child = await spawnServerMain(['--data', dataDir, '--demo', String(demo), '--history', '0']);
  return { url: child.url, port: Number(new URL(child.url).port), close: child.close };
}
