// Demo mode: runs the reference central API (build/server/main.js) in a utility process with its own
// data in userData, and resolves with its URL once it prints its 'listening on' line.
import { utilityProcess, type UtilityProcess } from 'electron';

export interface DemoServer {
  url: string;
  stop(): Promise<void>;
}

const LISTENING = /listening on (https?:\/\/\S+)/;
const START_TIMEOUT_MS = 180_000;

export function startDemoServer(options: {
  serverMain: string;
  dataDir: string;
  appeals: number;
  log: (line: string) => void;
}): Promise<DemoServer> {
  const child: UtilityProcess = utilityProcess.fork(
    options.serverMain,
    // --demo-live-public: a simulated public posts new appeals through the connectors while the demo runs;
    // --demo-worked: the month's appeals as the demo shift left them, so the lead's screens have a month to show.
    ['--host', '127.0.0.1', '--port', '0', '--data', options.dataDir, '--demo', String(options.appeals), '--demo-live-public',
      '--demo-worked'],
    { stdio: 'pipe', serviceName: 'Triage Desk demo server' },
  );
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => {
    exited = true;
    resolve();
  }));
  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill();
    await exitedPromise;
  };

  return new Promise<DemoServer>((resolve, reject) => {
    let stdout = '';
    let stderrTail = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`демо-сервер не ответил за ${START_TIMEOUT_MS / 1000} с`));
    }, START_TIMEOUT_MS);
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdout += chunk;
      let newline: number;
      while ((newline = stdout.indexOf('\n')) >= 0) {
        const line = stdout.slice(0, newline);
        stdout = stdout.slice(newline + 1);
        options.log(`demo server: ${line}`);
        const url = LISTENING.exec(line)?.[1];
        if (url !== undefined) {
          clearTimeout(timer);
          resolve({ url, stop });
        }
      }
    });
    child.stderr?.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-2000);
      options.log(`demo server: ${chunk.trimEnd()}`);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`демо-сервер завершился с кодом ${code} до запуска${stderrTail ? `: ${stderrTail.trim()}` : ''}`));
    });
  });
}
