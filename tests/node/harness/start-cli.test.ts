// `npm start`'s own arguments: --help answers with the usage and starts nothing, an unknown option is refused before
// the build (a helper's trial of 6 December ran `npm start -- --help`, which built and started the demo).
import { describe, expect, it } from 'vitest';
import { runServerCli } from '../server/cli-run.js';

describe('npm start arguments', () => {
  it('prints the usage for --help and -h, exit 0, starting nothing', async () => {
    for (const args of [['--help'], ['-h'], ['--port', '5190', '--help']]) {
      const run = await runServerCli('scripts/start.ts', args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout).toMatch(/^usage: npm start -- \[--port <0-65535>\] \[--verbose\]/);
      expect(run.stdout).not.toMatch(/vite|building|listening/i);
    }
  });

  it('refuses an unknown option with the usage, exit 2, before building', async () => {
    const run = await runServerCli('scripts/start.ts', ['--prot', '5190']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('start: unknown option «--prot»');
    expect(run.stderr).toContain('usage: npm start');
    expect(run.stdout).toBe('');
  });
});
