// The sync log file: rotates at its size cap (two files at most), survives a line cut by a crash, reopens with the
// previous session's tail; Retry-After parsing (seconds, HTTP date, capped).
import { appendFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../../electron/core/central-api-client.js';
import { SYNC_LOG_FILE, SyncLog } from '../../../electron/core/sync-log.js';
import { tempDir } from '../core/core-test-kit.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('sync log', () => {
  it('rotates at the cap, keeps the tail in memory and on reopen, skips a torn line', () => {
    const temp = tempDir('sync-log');
    cleanup = temp.remove;
    const log = new SyncLog(temp.dir, 2_000);
    for (let i = 0; i < 100; i += 1) log.write(i % 10 === 0 ? 'error' : 'info', 'pull', `Получено ${i}`, i);
    const file = join(temp.dir, SYNC_LOG_FILE);
    expect(statSync(file).size).toBeLessThanOrEqual(2_000);
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(log.tail(1)[0]).toMatchObject({ event: 'pull', message: 'Получено 99', queue: 99 });
    appendFileSync(file, '{"at":"2025-'); // a crash mid-write
    const reopened = new SyncLog(temp.dir, 2_000);
    expect(reopened.tail(1)[0]?.message).toBe('Получено 99');
    expect(reopened.tail(500).length).toBeGreaterThan(10);
  });

  it('reads Retry-After as seconds or an HTTP date, and caps it', () => {
    const now = Date.parse('2025-11-27T07:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Thu, 27 Nov 2025 07:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('86400', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
