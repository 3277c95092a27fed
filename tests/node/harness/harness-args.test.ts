import { describe, expect, it } from 'vitest';
import { parseHarnessArgs } from '../../harness/harness-args.js';

describe('parseHarnessArgs', () => {
  it('reads every option', () => {
    expect(parseHarnessArgs(['--port', '5180', '--api', 'http://127.0.0.1:4000', '--data', '/tmp/d', '--login', 'operator1',
      '--password', 'operator1', '--push-delay', '0', '--sync-interval', '500'])).toEqual({
      ok: true,
      args: {
        port: 5180, apiUrl: 'http://127.0.0.1:4000', dataDir: '/tmp/d', login: { login: 'operator1', password: 'operator1' },
        pushDelayMs: 0, syncIntervalMs: 500,
      },
    });
  });

  it('leaves optional values out rather than undefined', () => {
    const result = parseHarnessArgs(['--port', '0', '--api', 'http://x', '--data', 'd']);
    expect(result).toEqual({ ok: true, args: { port: 0, apiUrl: 'http://x', dataDir: 'd' } });
  });

  it.each([
    [['--api', 'http://x', '--data', 'd'], /--port/],
    [['--port', '70000', '--api', 'http://x', '--data', 'd'], /--port/],
    [['--port', '1', '--data', 'd'], /--api/],
    [['--port', '1', '--api', 'http://x'], /--data/],
    [['--port', '1', '--api', 'http://x', '--data', 'd', '--login', 'a'], /together/],
    [['--port', '1', '--api', 'http://x', '--data', 'd', '--push-delay', '-5'], /--push-delay/],
    [['--port', '1', '--api', 'http://x', '--data', 'd', '--colour', 'red'], /unknown option/],
    [['--port', '--api', 'http://x'], /needs a value/],
    [['stray'], /unexpected/],
  ])('refuses %j', (argv, message) => {
    const result = parseHarnessArgs(argv);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});
