/// <reference lib="dom" />
// Citizens write with emoji, and an office Linux may have no emoji font: this machine's Chromium drew «🤷‍♀️» as «▯♀»
// in a trial (5 December). The app ships a colour emoji font (renderer/src/styles/emoji.css), and these checks hold on
// a machine with no emoji font of its own (this one): the glyphs are drawn in colour, a ZWJ sequence as one glyph.
import { test, expect } from '@playwright/test';
import { serverForSpec } from './stack.js';

test.use({ viewport: { width: 911, height: 455 }, deviceScaleFactor: 1.5 });

const FAMILY = '👨‍👩‍👧';
const TEXT = `Контейнеры переполнены, вонь на весь двор 🤷‍♀️😡 Дети ${FAMILY} не могут гулять 👎`;

const spec = serverForSpec(0);

test('a citizen\'s emoji are drawn in colour, a ZWJ sequence as one glyph', async ({ page }) => {
  await spec.server.ingest([{ id: 'emoji-1', source: 'vk', channel: { name: 'Правительство НСО', url: 'https://vk.com/nso' },
    author: { name: 'Мария Белова' }, text: TEXT, attachments: [], receivedAt: new Date(Date.now() - 60_000).toISOString() }]);
  const { inbox, close } = await spec.openDesk(page, 'operator1');
  try {
    await expect(inbox.selectedRow).toHaveAttribute('data-appeal-id', 'emoji-1');
    const text = page.getByTestId('appeal-detail').locator('.detail-text');
    await expect(text).toContainText('не могут гулять');
    await page.evaluate(() => document.fonts.ready);
    // The bundled face is loaded for them, and is never asked for the text's letters and digits.
    await expect.poll(() => page.evaluate(() => {
      const statuses: string[] = [];
      document.fonts.forEach((f) => { if (f.family.replace(/"/gu, '') === 'Desk Emoji') statuses.push(f.status); });
      return statuses;
    })).toEqual(['loaded']);
    expect(await page.evaluate(() => document.fonts.check('16px "Desk Emoji"', 'Дом 5'))).toBe(true);

    // A ZWJ sequence's width against a single emoji's: drawn as one glyph they match; as 👨 👩 👧 it is three times.
    // (This font draws a gendered sequence, 🤷‍♀️, as the person and a ♀ beside it: two glyphs in colour, not tofu.)
    const widths = await text.evaluate((el, family) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(family) ?? -1;
        const angry = node.textContent?.indexOf('😡') ?? -1;
        if (at < 0) continue;
        const width = (start: number, end: number) => {
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, end);
          return range.getBoundingClientRect().width;
        };
        return { sequence: width(at, at + family.length), single: width(angry, angry + '😡'.length) };
      }
      return null;
    }, FAMILY);
    expect(widths).not.toBeNull();
    expect(widths!.single).toBeGreaterThan(0);
    expect(widths!.sequence).toBeLessThan(widths!.single * 1.3);

    // Colour: the text is dark grey on white; the missing-glyph box is grey too. Count saturated pixels in the text.
    const png = await text.screenshot({ path: test.info().outputPath('text.png') });
    const saturated = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = new OffscreenCanvas(img.width, img.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, img.width, img.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) {
        const max = Math.max(px[i]!, px[i + 1]!, px[i + 2]!), min = Math.min(px[i]!, px[i + 1]!, px[i + 2]!);
        if (max > 80 && (max - min) / max > 0.5) n += 1;
      }
      return n;
    }, png.toString('base64'));
    // Four emoji at 1.5× are some 1,500 pixels of colour each; 300 is far above anti-aliasing's fringe.
    expect(saturated).toBeGreaterThan(300);
  } finally {
    await close();
  }
});
