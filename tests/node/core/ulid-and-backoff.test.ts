// Mutation ids sort in creation order even within one millisecond; retry delays stay within 1 s … 60 s.
import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, BACKOFF_MIN_MS, backoffDelayMs } from '../../../electron/core/backoff.js';
import { ulid } from '../../../electron/core/ulid.js';

describe('ulid', () => {
  it('is 26 Crockford base32 characters and monotonic within the same millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => ulid(1_700_000_000_000));
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps order when the clock steps back', () => {
    const later = ulid(1_800_000_000_000);
    const earlier = ulid(1_700_000_000_000);
    expect(earlier > later).toBe(true);
  });
});

describe('backoffDelayMs', () => {
  it('grows exponentially from 1 s and is capped at 60 s, jitter included', () => {
    for (const random of [0, 0.5, 0.999]) {
      const delays = Array.from({ length: 12 }, (_, i) => backoffDelayMs(i + 1, () => random));
      for (const delay of delays) {
        expect(delay).toBeGreaterThanOrEqual(BACKOFF_MIN_MS);
        expect(delay).toBeLessThanOrEqual(BACKOFF_MAX_MS);
      }
      expect(delays[11]).toBe(BACKOFF_MAX_MS);
    }
    expect(backoffDelayMs(3, () => 0.5)).toBe(4_000);
    expect(backoffDelayMs(3, () => 0)).toBe(3_000);
  });
});
