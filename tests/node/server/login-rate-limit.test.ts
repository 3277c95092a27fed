// The sign-in delays on their own: the doubling, capped schedule; guessing stays bounded per day under the default
// limits whatever the attacker spreads over; trust from a past success skips only the login's and address's delays.
import { describe, expect, it } from 'vitest';
import {
  createLoginRateLimit, DEFAULT_LOGIN_LIMITS, delayAfter, type LoginLimits,
} from '../../../server/login-rate-limit.js';

const DAY = 24 * 60 * 60_000;

/** An attacker who tries again the moment the limiter allows it, for a whole day; returns the guesses admitted. */
function guessesPerDay(next: (i: number) => { login: string; address: string }, limits: LoginLimits = DEFAULT_LOGIN_LIMITS): number {
  let clock = 0;
  const limit = createLoginRateLimit(limits, () => clock);
  let admitted = 0;
  for (let i = 0; clock < DAY; i += 1) {
    const { login, address } = next(i);
    const attempt = limit.begin(login, address);
    if (attempt.ok) {
      attempt.settle(false);
      admitted += 1;
    } else {
      clock += attempt.retryAfterSeconds * 1000;
    }
  }
  return admitted;
}

describe('sign-in delay schedule', () => {
  it('is free for the first failures, then doubles from the base up to the cap', () => {
    const rule = { free: 3, baseMs: 1_000, maxMs: 10_000 };
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map((n) => delayAfter(n, rule))).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('bounds guessing under the default limits: one login from one address, from many, and a spray from one', () => {
    const fromOne = guessesPerDay(() => ({ login: 'operator1', address: '203.0.113.7' }));
    const fromMany = guessesPerDay((i) => ({ login: 'operator1', address: `198.51.${i >> 8 & 255}.${i & 255}` }));
    const spray = guessesPerDay((i) => ({ login: `user${i}`, address: '203.0.113.7' }));
    // Figures for the report of issue 11 (a flat 5-per-15-min lock allowed 480 a day per login).
    expect(fromOne).toBeLessThanOrEqual(120);
    expect(fromMany).toBeLessThanOrEqual(310);
    expect(spray).toBeLessThanOrEqual(1_500);
  });
});

describe('sign-in delays and trust', () => {
  const limits: LoginLimits = {
    perPair: { free: 2, baseMs: 1_000, maxMs: 60_000 },
    perLogin: { free: 2, baseMs: 1_000, maxMs: 5_000 },
    perAddress: { free: 4, baseMs: 1_000, maxMs: 3_000 },
    forgetAfterMs: 600_000,
    trustMs: 3_600_000,
  };
  const fail = (limit: ReturnType<typeof createLoginRateLimit>, login: string, address: string) => {
    const attempt = limit.begin(login, address);
    if (attempt.ok) attempt.settle(false);
    return attempt.ok;
  };

  it('skips the login and address delays for a login that signed in from that address before, never the pair delay', () => {
    const clock = 0;
    const limit = createLoginRateLimit(limits, () => clock);
    const ok = limit.begin('operator1', 'desk');
    expect(ok.ok).toBe(true);
    if (ok.ok) ok.settle(true);
    for (let i = 0; i < 10; i += 1) fail(limit, 'operator1', `elsewhere-${i}`);
    expect(limit.begin('operator1', 'somewhere-new')).toMatchObject({ ok: false, scope: 'login' });
    expect(limit.begin('operator1', 'desk').ok).toBe(true);
    // Failures at the desk itself still grow the pair's delay.
    const desk = createLoginRateLimit(limits, () => clock);
    const first = desk.begin('operator1', 'desk');
    if (first.ok) first.settle(true);
    fail(desk, 'operator1', 'desk');
    fail(desk, 'operator1', 'desk');
    expect(desk.begin('operator1', 'desk')).toMatchObject({ ok: false, scope: 'pair', retryAfterSeconds: 1 });
  });

  it('forgets trust after trustMs and failures after forgetAfterMs without a new one', () => {
    let clock = 0;
    const limit = createLoginRateLimit(limits, () => clock);
    const ok = limit.begin('operator1', 'desk');
    if (ok.ok) ok.settle(true);
    clock += limits.trustMs + 1;
    for (let i = 0; i < 3; i += 1) fail(limit, 'operator1', `elsewhere-${i}`);
    expect(limit.begin('operator1', 'desk')).toMatchObject({ ok: false, scope: 'login' });
    clock += limits.forgetAfterMs + 1;
    expect(limit.begin('operator1', 'desk').ok).toBe(true);
  });
});
