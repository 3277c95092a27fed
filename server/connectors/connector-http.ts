// What every platform's endpoint answers and checks the same way: the plain-text «ok» (or VK's confirmation string)
// platforms expect, and the comparison of a secret they send with the configured one.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** 200 text/plain, never cached: what VK, Telegram and OK read as «accepted». */
export function sendPlainText(res: ServerResponse, text: string): void {
  res.writeHead(200, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

// Digests of equal length: the comparison takes the same time whatever the given secret's length and content.
const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Whether a secret a platform sent is the configured one, in constant time. */
export const sameSecret = (given: string, expected: string): boolean => timingSafeEqual(digest(given), digest(expected));
