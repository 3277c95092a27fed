import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveStaticFile } from '../../../electron/main/static-files.js';
import { cspFromHtml, DEFAULT_CSP } from '../../../electron/main/content-security-policy.js';
import { isPhotoHost, PHOTO_IMG_SOURCES } from '../../../shared/domain/photo-hosts.js';

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

describe('image sources', () => {
  const imgSrc = (csp: string): string | undefined =>
    csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('img-src '))?.slice('img-src '.length);

  it('the page and the fallback policy load images from the platforms\' photo hosts only, https only', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const expected = `'self' data: ${PHOTO_IMG_SOURCES}`;
    expect(imgSrc(cspFromHtml(html) ?? '')).toBe(expected);
    expect(imgSrc(DEFAULT_CSP)).toBe(expected);
    expect(expected).not.toMatch(/(^|\s)(https?:|\*)(\s|$)|http:\/\//);
  });

  it('names a host a photo may come from', () => {
    expect(isPhotoHost('sun9-36.userapi.com')).toBe(true);
    expect(isPhotoHost('i.mycdn.me')).toBe(true);
    expect(isPhotoHost('POS.GOSUSLUGI.RU.')).toBe(true);
    expect(isPhotoHost('userapi.com')).toBe(false);
    expect(isPhotoHost('evil-userapi.com')).toBe(false);
    expect(isPhotoHost('userapi.com.evil.example')).toBe(false);
    expect(isPhotoHost('x.pos.gosuslugi.ru')).toBe(false);
  });
});
