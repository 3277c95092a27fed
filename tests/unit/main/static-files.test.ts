import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveStaticFile } from '../../../electron/main/static-files.js';
import { cspFromHtml } from '../../../electron/main/content-security-policy.js';

const root = path.resolve('/srv/build/renderer');

describe('resolveStaticFile', () => {
  it('maps / to index.html and paths to files inside the root', () => {
    expect(resolveStaticFile(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticFile(root, '/assets/index-abc.js')).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveStaticFile(root, '/assets/%D1%84.svg')).toBe(path.join(root, 'assets', 'ф.svg'));
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%2f..%2fetc%2fpasswd',
    '/..%5c..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '/index.html%00.png',
    '/%E0%A4%A',
    '/..',
  ])('refuses %s', (pathname) => {
    expect(resolveStaticFile(root, pathname)).toBeNull();
  });

  it('names content types', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('cspFromHtml', () => {
  it('reads the meta tag whatever the attribute order and quoting', () => {
    expect(cspFromHtml(`<head><meta charset="utf-8"><meta content="default-src 'self'; img-src data:"
      http-equiv="Content-Security-Policy"></head>`)).toBe("default-src 'self'; img-src data:");
    expect(cspFromHtml(`<meta http-equiv='content-security-policy' content="script-src &#39;self&#39;">`))
      .toBe("script-src 'self'");
  });

  it('is null without the tag', () => {
    expect(cspFromHtml('<meta name="viewport" content="width=device-width">')).toBeNull();
  });
});
