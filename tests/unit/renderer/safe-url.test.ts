import { describe, expect, it } from 'vitest';
import { httpsUrl, urlLabel } from '../../../renderer/src/components/safe-url.js';

describe('httpsUrl', () => {
  it('lets https links through, normalised', () => {
    expect(httpsUrl('https://vk.com/club1')).toBe('https://vk.com/club1');
    expect(httpsUrl(' https://t.me/nsk ')).toBe('https://t.me/nsk');
  });

  it('keeps everything else as text', () => {
    for (const raw of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'http://vk.com',
      'file:///etc/passwd', 'vk.com/club1', '', undefined, 'https://user:pw@vk.com/']) {
      expect(httpsUrl(raw), String(raw)).toBeNull();
    }
  });

  it('makes short labels', () => {
    expect(urlLabel('https://vk.com/club1/')).toBe('vk.com/club1');
    expect(urlLabel(`https://x.ru/${'a'.repeat(100)}`, 20)).toHaveLength(20);
  });
});
