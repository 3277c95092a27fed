import { describe, expect, it } from 'vitest';
import { decodePunycode, httpsUrl, urlLabel, urlTitle } from '../../../renderer/src/components/safe-url.js';

describe('httpsUrl', () => {
  it('lets https links through, normalised', () => {
    expect(httpsUrl('https://vk.com/club1')).toBe('https://vk.com/club1');
    expect(httpsUrl(' https://t.me/nsk ')).toBe('https://t.me/nsk');
  });

  it('keeps everything else as text', () => {
    for (const raw of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'http://vk.com',
      'file:///etc/passwd', 'vk.com/club1', '', undefined, 'https://user:pw@vk.com/', 'https://vk.com@evil.example/']) {
      expect(httpsUrl(raw), String(raw)).toBeNull();
    }
  });
});

describe('urlLabel: a URL is shown by its domain', () => {
  it('names the domain without scheme, www., path or query', () => {
    expect(urlLabel('https://vk.com/club1/')).toBe('vk.com');
    expect(urlLabel('https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1')).toBe('youtube.com');
    expect(urlLabel('https://m.ok.ru/group/1')).toBe('m.ok.ru');
    expect(urlLabel('HTTPS://VK.COM/Club')).toBe('vk.com');
  });

  it('never shows a user:pass@ part: the label is the host the link really goes to', () => {
    expect(urlLabel('https://user:secret@vk.com/x')).toBe('vk.com');
    expect(urlLabel('https://vk.com@evil.example/login')).toBe('evil.example');
    expect(urlTitle('https://user:secret@vk.com/x')).toBe('https://vk.com/x');
    expect(urlTitle('https://vk.com:pw@evil.example/')).not.toMatch(/pw|vk\.com/);
  });

  it('shows Cyrillic domains under Cyrillic top-level domains decoded, everything else internationalised as is (xn--)', () => {
    expect(urlLabel('https://сайт.рф/путь')).toBe('сайт.рф');
    expect(urlLabel('https://xn--80aswg.xn--p1ai/')).toBe('сайт.рф');
    expect(urlLabel('https://www.госуслуги.рф')).toBe('госуслуги.рф');
    // A look-alike of a Latin name (Cyrillic «а», «р») under .com stays in its ASCII form, as does a mixed label.
    expect(urlLabel('https://аррle.com/')).toBe('xn--le-6kc8da.com');
    expect(urlLabel('https://пример.com')).toBe('xn--e1afmkfd.com');
    expect(urlLabel('https://münchen.de')).toBe('xn--mnchen-3ya.de');
    // Not valid Punycode: shown as the host as it is.
    expect(urlLabel('https://xn--zz-!.ru')).toBe('https://xn--zz-!.ru');
  });

  it('decodes Punycode per RFC 3492, and refuses what is not', () => {
    expect(decodePunycode('80aswg')).toBe('сайт');
    expect(decodePunycode('p1ai')).toBe('рф');
    expect(decodePunycode('mnchen-3ya')).toBe('münchen');
    expect(decodePunycode('d1acpjx3f')).toBe('яндекс');
    expect(decodePunycode('a!')).toBeNull();
    expect(decodePunycode('zzzzzzzzzzzzzzz')).toBeNull();
  });

  it('keeps text that is not a URL with a host as trimmed text, and long labels short', () => {
    expect(urlLabel('javascript:alert(2)')).toBe('javascript:alert(2)');
    expect(urlLabel('  не ссылка  ')).toBe('не ссылка');
    expect(urlLabel(`https://${'a'.repeat(60)}.ru/`, 20)).toHaveLength(20);
    expect(urlLabel(`https://${'a'.repeat(60)}.ru/`, 20).endsWith('…')).toBe(true);
  });

  it('labels non-https URLs by domain too (the link itself stays text)', () => {
    expect(urlLabel('http://youtube.com/watch?v=1')).toBe('youtube.com');
    expect(httpsUrl('http://youtube.com/watch?v=1')).toBeNull();
  });
});
