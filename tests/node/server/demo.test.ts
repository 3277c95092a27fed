// Demo data: deterministic for a seed and `now`, the requested count, the source mix, Russian text,
// a 30-day spread of receivedAt, all new at version 1; a non-empty data folder keeps its data.
import { describe, expect, it } from 'vitest';
import { ChangesResponse } from '../../../shared/central-api/contract.js';
import { Appeal } from '../../../shared/domain/appeal.js';
import { generateDemoAppeals } from '../../../server/demo/generate-appeals.js';
import { startFixture } from './server-fixture.js';

const NOW = new Date('2025-03-10T05:00:00.000Z');
const DAY = 86_400_000;

describe('demo appeals', () => {
  it('are the same for the same count and now', () => {
    expect(generateDemoAppeals(300, { now: NOW })).toEqual(generateDemoAppeals(300, { now: NOW }));
    expect(generateDemoAppeals(300, { now: NOW, seed: 7 })).not.toEqual(generateDemoAppeals(300, { now: NOW }));
  });

  it('keep ids and content when only the clock moves', () => {
    const withoutTime = (list: Appeal[]) => list.map(({ receivedAt: _t, ...rest }) => rest);
    const later = new Date(NOW.getTime() + 3.7 * DAY);
    expect(withoutTime(generateDemoAppeals(300, { now: later }))).toEqual(withoutTime(generateDemoAppeals(300, { now: NOW })));
  });

  it('have the requested count, valid shape, unique ids and the realistic source mix', () => {
    const appeals = generateDemoAppeals(2000, { now: NOW });
    expect(appeals).toHaveLength(2000);
    for (const a of appeals) expect(Appeal.safeParse(a).success).toBe(true);
    expect(new Set(appeals.map((a) => a.id)).size).toBe(2000);
    expect(appeals.every((a) => a.status === 'new' && a.version === 1 && a.targetId === null && a.routedBy === null)).toBe(true);
    for (const a of appeals) expect(a.id).toMatch(new RegExp(`^${a.source}-\\d+$`));

    const share = (source: string) => appeals.filter((a) => a.source === source).length / appeals.length;
    expect(share('vk')).toBeGreaterThan(0.75);
    expect(share('vk')).toBeLessThan(0.85);
    for (const s of ['ok', 'telegram', 'pos']) expect(share(s)).toBeGreaterThan(0.02);

    expect(appeals.every((a) => /[а-яё]/i.test(a.text))).toBe(true);
    expect(new Set(appeals.map((a) => a.text)).size).toBeGreaterThan(1600);
    expect(appeals.some((a) => a.text.includes('\n'))).toBe(true);
    expect(appeals.some((a) => a.attachments.length > 0)).toBe(true);
    expect(appeals.filter((a) => a.source === 'vk').every((a) => a.author.url?.startsWith('https://vk.com/'))).toBe(true);
  });

  it('spread receivedAt over the last 30 days, newest first', () => {
    const times = generateDemoAppeals(1000, { now: NOW }).map((a) => Date.parse(a.receivedAt));
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW.getTime() - 30 * DAY);
    expect(Math.min(...times)).toBeLessThan(NOW.getTime() - 27 * DAY);
    expect(Math.max(...times)).toBeGreaterThan(NOW.getTime() - 1 * DAY);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('are loaded by the server only into an empty data folder', async () => {
    const fx = await startFixture({ demo: 40 });
    try {
      const token = await fx.signIn('lead');
      const pull = async () => ChangesResponse.parse((await fx.call('GET', '/changes?limit=1000', { token })).body).appeals;
      const first = await pull();
      expect(first).toHaveLength(40);
      expect(first.map((a) => a.id)).toEqual(generateDemoAppeals(40, { now: NOW }).map((a) => a.id));
      await fx.restart(); // same folder, demo: 40 again → ignored
      expect(await pull()).toEqual(first);
    } finally {
      await fx.dispose();
    }
  });
});
