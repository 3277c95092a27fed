// Issue 12: stats.get once took any period (0001–9999) from any signed-in user and held the core for 44 s.
// Through the real core and reference server: the lead-only methods refuse an operator, impossible days are
// refused in stats and search, a period is at most 400 days, and a capped request does bounded work.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeskCore, type DeskCore } from '../../../electron/core/desk-core.js';
import { type RunningServer } from '../../../server/start-server.js';
import type { Stats } from '../../../shared/desk-api/lead-contract.js';
import { statusMatching, tempDir, value } from './core-test-kit.js';
import { startTestServer } from '../../harness/test-server.js';

let serverDir: ReturnType<typeof tempDir>;
let server: RunningServer;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  serverDir = tempDir('stats-guard-server');
  server = await startTestServer({ port: 0, dataDir: serverDir.dir });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server.close();
  serverDir.remove();
});

async function signedInCore(login: string): Promise<DeskCore> {
  const temp = tempDir(`stats-guard-${login}`);
  const core = await createDeskCore({ dataDir: temp.dir, apiUrl: server.url, pushDelayMs: 0, syncIntervalMs: 60_000 });
  cleanups.push(temp.remove, () => core.close());
  await value(core, 'session.login', { login, password: login });
  await statusMatching(core, (s) => s.state === 'online' && s.lastSyncAt !== null);
  return core;
}

const refused = (code: string) => ({ ok: false, error: { code } });
const MONTH = { from: '2025-01-01', to: '2025-01-31' };

describe('lead-only desk methods (what the UI shows to leads only)', () => {
  it('refuses an operator every lead-only method, stats.get included, and lets the lead call them', async () => {
    const op = await signedInCore('operator1');
    expect(await op.call('stats.get', MONTH)).toMatchObject(refused('forbidden'));
    expect(await op.call('queues.get', {})).toMatchObject(refused('forbidden'));
    expect(await op.call('queues.appeals', { by: 'unrouted', key: '' })).toMatchObject(refused('forbidden'));
    expect(await op.call('reports.export', { kind: 'monthly', month: '2025-01', format: 'csv' }))
      .toMatchObject(refused('forbidden'));
    expect(await op.call('appeals.redecide', { appealIds: ['a-00001'], decision: { type: 'reject', reason: 'spam' } }))
      .toMatchObject(refused('forbidden'));

    const lead = await signedInCore('lead');
    expect((await value<Stats>(lead, 'stats.get', MONTH)).period).toEqual(MONTH);
    await value(lead, 'queues.get', {});
    await value(lead, 'queues.appeals', { by: 'unrouted', key: '' });
    await value(lead, 'reports.export', { kind: 'monthly', month: '2025-01', format: 'csv' });
  });
});

describe('periods and calendar days', () => {
  it('refuses impossible days in stats.get and search.query with a Russian message', async () => {
    const lead = await signedInCore('lead');
    for (const [from, to] of [['2025-02-30', '2025-03-01'], ['2025-01-01', '2025-13-45'], ['2025-02-29', '2025-03-01']]) {
      const result = await lead.call('stats.get', { from, to });
      expect(result).toMatchObject(refused('bad_request'));
      if (!result.ok) expect(result.error.message).toMatch(/нет такого дня/);
    }
    expect(await lead.call('search.query', { fromDay: '2025-02-30' })).toMatchObject(refused('bad_request'));
    expect(await lead.call('search.query', { toDay: '2025-13-45' })).toMatchObject(refused('bad_request'));
    await value(lead, 'search.query', { fromDay: '2024-02-29', toDay: '2024-03-01' });
    expect((await value<Stats>(lead, 'stats.get', { from: '2024-02-29', to: '2024-03-01' })).perDay.map((d) => d.date))
      .toEqual(['2024-02-29', '2024-03-01']);
  });

  it('accepts 400 days, refuses 401 and the 0001–9999 range before any work, and a capped request is bounded', async () => {
    const lead = await signedInCore('lead');
    // Days processed = the per-day rows computed: exactly the period, never more than 400.
    const capped = await value<Stats>(lead, 'stats.get', { from: '2025-01-01', to: '2026-02-04' });
    expect(capped.perDay).toHaveLength(400);
    expect(capped.perDay[0]!.date).toBe('2025-01-01');
    expect(capped.perDay.at(-1)!.date).toBe('2026-02-04');

    const tooLong = await lead.call('stats.get', { from: '2025-01-01', to: '2026-02-05' });
    expect(tooLong).toMatchObject(refused('bad_request'));
    if (!tooLong.ok) expect(tooLong.error.message).toMatch(/не длиннее 400 дней/);
    expect(await lead.call('stats.get', { from: '2000-01-01', to: '2025-12-31' })).toMatchObject(refused('bad_request'));
    expect(await lead.call('stats.get', { from: '2025-03-02', to: '2025-03-01' })).toMatchObject(refused('bad_request'));
    expect(await lead.call('reports.export', { kind: 'list', format: 'csv', period: { from: '2000-01-01', to: '2025-12-31' } }))
      .toMatchObject(refused('bad_request'));
  });

  // Run separately before the fix: then it is the 44 s / 2.4 GB hang of the issue itself.
  it('refuses the whole 0001–9999 range', async () => {
    const lead = await signedInCore('lead');
    expect(await lead.call('stats.get', { from: '0001-01-01', to: '9999-12-31' })).toMatchObject(refused('bad_request'));
  });
});
