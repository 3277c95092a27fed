// The command line: one exact `listening on` line on stdout when ready, exit 2 on bad flags, clean SIGTERM.
import { spawn } from 'node:child_process';
import { runServerCli } from './cli-run.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './server-fixture.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function run(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstLine = () => new Promise<string>((resolve, reject) => {
    const check = () => {
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0] ?? '');
    };
    child.stdout.on('data', check);
    child.on('exit', () => reject(new Error(`exited before listening: ${stderr}`)));
    check();
  });
  return { child, exited, firstLine, out: () => ({ stdout, stderr }) };
}

describe('server CLI', () => {
  it('prints exactly one listening line, serves, and exits 0 on SIGTERM', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const p = run(['--port', '0', '--data', join(dir, 'data'), '--demo', '5', '--demo-worked']);
    const line = await p.firstLine();
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.replace('listening on ', '');
    expect(await (await fetch(`${url}/api/v1/health`)).json()).toEqual({ ok: true });
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.out().stdout).toBe(`${line}\n`);
    expect(p.out().stderr).toContain('operator1');
    expect(p.out().stderr).toContain(`store: ${join(dir, 'data', 'central.sqlite')}\n`);
    expect(p.out().stderr).toMatch(/demo: 5 appeals of the last 30 days, \d still waiting/); // --demo-worked reached the seed
  });

  it('answers --help and -h of every IT tool with its usage on stdout and exit 0, whatever else is given', async () => {
    const tools = ['server/main.ts', 'server/add-user-main.ts', 'server/import-pos-main.ts', 'server/migrate-data-main.ts'];
    for (const tool of tools) {
      for (const args of [['--help'], ['-h'], ['--data', 'x', '--bogus', '--help']]) {
        const run = await runServerCli(tool, args);
        expect(run.code, `${tool} ${args.join(' ')}: ${run.stderr}`).toBe(0);
        expect(run.stdout).toMatch(/^usage: npm run server/);
        expect(run.stderr).toBe('');
      }
    }
  });

  it('exits 2 with a clear message on bad flags', async () => {
    for (const args of [['--port', 'abc', '--data', 'x'], ['--data', 'x'], ['--port', '0'], ['--port', '0', '--data', 'x', '--bogus'],
      ['--port', '0', '--data', 'x', '--demo', '-3']]) {
      const p = run(args);
      expect(await p.exited, args.join(' ')).toBe(2);
      expect(p.out().stderr).toContain('usage:');
      expect(p.out().stdout).toBe('');
    }
  });
});
