import { describe, expect, it } from 'vitest';
import { allowedExternalUrl, isAllowedExternalUrl } from '../../../electron/main/external-links.js';

describe('allowedExternalUrl', () => {
  it.each([
    'https://vk.com/wall-1_2',
    'https://m.vk.com/id1',
    'https://ok.ru/group/1',
    'https://t.me/nso_channel/15',
    'https://gosuslugi.ru/',
    'https://pos.gosuslugi.ru/landing/',
    'https://VK.COM/path',
    'https://vk.com./path',
  ])('opens %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['plain http', 'http://vk.com/'],
    ['javascript', 'javascript:alert(1)'],
    ['file', 'file:///etc/passwd'],
    ['app scheme', 'app://desk/index.html'],
    ['look-alike suffix', 'https://evilvk.com/'],
    ['allowed name as a subdomain of another host', 'https://vk.com.evil.example/'],
    ['credentials trick', 'https://vk.com@evil.example/'],
    ['credentials on an allowed host', 'https://user:pw@vk.com/'],
    ['explicit port', 'https://vk.com:8443/'],
    ['other host', 'https://example.com/?u=https://vk.com'],
    ['IP address', 'https://127.0.0.1/'],
    ['not a URL', 'vk.com'],
    ['empty', ''],
  ])('refuses %s', (_label, url) => {
    expect(allowedExternalUrl(url)).toBeNull();
  });

  it('refuses non-strings and oversized input', () => {
    expect(allowedExternalUrl(undefined)).toBeNull();
    expect(allowedExternalUrl({ href: 'https://vk.com/' })).toBeNull();
    expect(allowedExternalUrl(`https://vk.com/${'a'.repeat(5000)}`)).toBeNull();
  });

  it('returns the parsed, normalised URL rather than the raw string', () => {
    expect(allowedExternalUrl('https://VK.com/a b')).toBe('https://vk.com/a%20b');
  });
});
