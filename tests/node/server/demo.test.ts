// Demo data: deterministic for a seed and `now`, the requested count, the source mix, Russian text,
// a 30-day spread of receivedAt, all new at version 1; a non-empty data folder keeps its data. Worked (the desktop
// app's embedded demo), the same appeals as the demo shift left them: decided in working time, the last hours waiting.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ChangesResponse } from '../../../shared/central-api/contract.js';
import { DEFAULT_DEADLINE_POLICY } from '../../../shared/deadlines/deadline-policy.js';
import {
  NOVOSIBIRSK_CALENDAR_SETTINGS, ProductionCalendar, createWorkingCalendar,
} from '../../../shared/deadlines/working-calendar.js';
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

  describe('worked by the demo shift', () => {
    // Monday 10 March 2025, 12:00 in Novosibirsk: the weekend's and the morning's appeals are the ones still waiting.
    const worked = generateDemoAppeals(3000, { now: NOW, worked: true });
    const calendar = createWorkingCalendar(NOVOSIBIRSK_CALENDAR_SETTINGS, ProductionCalendar.parse(
      JSON.parse(readFileSync(new URL('../../../resources/production-calendar-ru.json', import.meta.url), 'utf8'))));
    const targets = new Set((JSON.parse(readFileSync(new URL('../../../resources/targets.json', import.meta.url), 'utf8')) as
      { id: string }[]).map((t) => t.id));
    const decided = worked.filter((a) => a.status !== 'new');
    const waiting = worked.filter((a) => a.status === 'new');
    const workingMinutes = (a: Appeal) => calendar.workingMinutesBetween(Date.parse(a.receivedAt), Date.parse(a.routedAt ?? ''));

    it('are the same appeals, only decided, each in the contract', () => {
      const asCame = ({ status: _s, targetId: _t, rejectReason: _r, version: _v, routedBy: _b, routedAt: _a, firstDecision: _f,
        ...rest }: Appeal) => rest;
      expect(worked.map(asCame)).toEqual(generateDemoAppeals(3000, { now: NOW }).map(asCame));
      for (const a of worked) expect(Appeal.safeParse(a).success).toBe(true);
    });

    it('leave waiting only what came in the last working hours, and a few hard cases of the last days', () => {
      expect(decided.length / worked.length).toBeGreaterThan(0.9);
      expect(waiting.length).toBeGreaterThan(20); // Saturday, Sunday and Monday morning
      const recent = (a: Appeal) => calendar.workingMinutesBetween(Date.parse(a.receivedAt), NOW.getTime()) <= 7 * 60;
      expect(waiting.filter(recent).length).toBeGreaterThan(20);
      const hardCases = waiting.filter((a) => !recent(a));
      expect(hardCases.length).toBeLessThan(0.02 * worked.length);
      expect(hardCases.every((a) => NOW.getTime() - Date.parse(a.receivedAt) < 4 * DAY)).toBe(true);
    });

    it('are decided after they came and before now, mostly within the routing term, by the shift and now and then the lead', () => {
      for (const a of decided) {
        expect(Date.parse(a.routedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(a.receivedAt));
        expect(Date.parse(a.routedAt ?? '')).toBeLessThanOrEqual(NOW.getTime());
        expect(a.firstDecision?.by.id).toMatch(/^u-operator\d+$/);
        expect(a.firstDecision?.status).toBe(a.status);
        if (a.status === 'routed') expect(targets.has(a.targetId ?? '')).toBe(true);
        else expect(['thanks', 'spam', 'offtopic']).toContain(a.rejectReason);
      }
      const term = DEFAULT_DEADLINE_POLICY.vk.routeWithinHours * 60;
      const late = decided.filter((a) => a.source !== 'pos' && workingMinutes(a) > term).length / decided.length;
      expect(late).toBeGreaterThan(0.01);
      expect(late).toBeLessThan(0.1);
      const corrected = decided.filter((a) => a.routedBy?.id === 'u-lead');
      expect(corrected.length).toBeGreaterThan(0);
      expect(corrected.every((a) => a.version === 3 && a.firstDecision?.by.id !== 'u-lead')).toBe(true);
      expect(new Set(decided.map((a) => a.targetId).filter((t) => t?.startsWith('mr-'))).size).toBeGreaterThan(10);
      expect(decided.filter((a) => a.status === 'rejected').length).toBeGreaterThan(0.02 * decided.length);
    });

    it('are what a server started with demoWorked serves', async () => {
      const fx = await startFixture({ demo: 300, server: { demoWorked: true } });
      try {
        const token = await fx.signIn('lead');
        const served = ChangesResponse.parse((await fx.call('GET', '/changes?limit=1000', { token })).body).appeals;
        expect(served).toHaveLength(300);
        // Seeded at the real clock: after the New Year holidays as much as a third may still wait, never most.
        expect(served.filter((a) => a.status !== 'new').length).toBeGreaterThan(150);
        expect(served.filter((a) => a.status !== 'new').every((a) => a.firstDecision?.by.id.startsWith('u-operator'))).toBe(true);
      } finally {
        await fx.dispose();
      }
    });
  });
});
