// frame-ancestors lives in the response header only: a <meta> policy ignores it with a console error on every load
// (qa-53), yet the page must still refuse to be framed (app:// in Electron, the harness's HTTP header).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cspFromHtml, DEFAULT_CSP, headerCspFor } from '../../../electron/main/content-security-policy.js';

const root = path.resolve(import.meta.dirname, '../../..');
const indexHtml = readFileSync(path.join(root, 'renderer', 'index.html'), 'utf8');

describe('the CSP header and the meta tag', () => {
  it('the renderer meta has no frame-ancestors (nor other header-only directives), the header has it', () => {
    const meta = cspFromHtml(indexHtml) ?? '';
    expect(meta).toContain("script-src 'self'");
    expect(meta).not.toMatch(/frame-ancestors|report-uri|sandbox/);
    const header = headerCspFor(indexHtml);
    expect(header.startsWith(meta)).toBe(true);
    expect(header).toMatch(/; frame-ancestors 'none'$/);
  });

  it('falls back to the strict default, still with frame-ancestors', () => {
    expect(headerCspFor(null)).toBe(`${DEFAULT_CSP}; frame-ancestors 'none'`);
    expect(headerCspFor('<meta name="viewport" content="width=device-width">')).toBe(`${DEFAULT_CSP}; frame-ancestors 'none'`);
  });

  it('does not repeat a frame-ancestors an older page still carries, and drops a trailing semicolon', () => {
    expect(headerCspFor(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'; frame-ancestors 'self'">`))
      .toBe("default-src 'self'; frame-ancestors 'self'");
    expect(headerCspFor(`<meta http-equiv="Content-Security-Policy" content="default-src 'self';">`))
      .toBe("default-src 'self'; frame-ancestors 'none'");
  });
});
