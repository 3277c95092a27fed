// The server's command-line tools for IT as their tests run them (add-user.test.ts, connectors/pos-cli.test.ts): a
// real child process (tsx, from the repository root), pointed at the store of a running fixture server on the engine
// under test, with its exit code and both outputs.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testStore, type Fixture } from './server-fixture.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun { code: number | null; stdout: string; stderr: string }

/** Runs `script` (a path from the repository root) with `args`; `stdin` is its whole input (none: empty, closed). */
export function runServerCli(script: string, args: string[], stdin = ''): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** `--data DIR` or `--database URL`: where the fixture server keeps its store. */
export async function storeArgs(fx: Fixture): Promise<string[]> {
  const store = await testStore(fx.dir);
  return 'dataDir' in store ? ['--data', store.dataDir] : ['--database', store.databaseUrl];
}
