// Citizen text shown as plain text: the controls that can spoof (bidi overrides and isolates, direction marks,
// zero-widths) go; the emoji joiner stays where it joins emoji, and only there.
import { describe, expect, it } from 'vitest';
import { excerptOf, inertText, isBlankText, isMatchedAsWritten, matchForm } from '../../../shared/text/inert-text.js';

const SPOOFING = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
  '\u200B', '\u200C', '\u200E', '\u200F', '\u061C', '\u2060', '\uFEFF', '\u0007', '\u009B', '\u00AD', '\u180E'];

describe('inertText / excerptOf', () => {
  it('strip every bidi override, isolate, direction mark and zero-width', () => {
    for (const ch of SPOOFING) {
      expect(excerptOf(`Иван${ch} Петров`), `U+${ch.codePointAt(0)?.toString(16)}`).toBe('Иван Петров');
      expect(inertText(`Иван${ch} Петров`)).toBe('Иван Петров');
    }
    expect(excerptOf('Иван\u202E яаминтсеВ')).toBe('Иван яаминтсеВ');
  });

  it('keep U+200D between emoji: a family stays one family, a flag one flag, a skin tone its person', () => {
    const family = '👨\u200D👩\u200D👧\u200D👦';
    const rainbow = '🏳\uFE0F\u200D🌈';
    const coder = '🧑🏽\u200D💻';
    for (const emoji of [family, rainbow, coder, '❤\uFE0F\u200D🔥']) {
      expect(inertText(`Семья ${emoji} спасибо`)).toBe(`Семья ${emoji} спасибо`);
      expect(excerptOf(emoji)).toBe(emoji);
    }
    // And a spoofing control inside a sequence goes, the joiners stay.
    expect(inertText('👨\u202E\u200D👩')).toBe('👨\u200D👩');
  });

  it('drop U+200D anywhere else: between letters it only splits a word so it does not match', () => {
    expect(excerptOf('Мин\u200Dздрав')).toBe('Минздрав');
    expect(inertText('\u200Dначало и конец\u200D')).toBe('начало и конец');
    expect(inertText('👨\u200D и текст')).toBe('👨 и текст');
    expect(inertText('текст \u200D👩')).toBe('текст 👩');
  });

  it('keep line breaks and tabs in the pane, one line in a cell; markup stays text', () => {
    expect(inertText('a\r\nb\tc')).toBe('a\nb\tc');
    expect(excerptOf('a\n\n b\tc')).toBe('a b c');
    expect(excerptOf('<img src=x onerror="alert(1)">')).toBe('<img src=x onerror="alert(1)">');
  });

  it('show a run of blank lines as one paragraph break, none before the text or after it', () => {
    expect(inertText('Здравствуйте!\n\nВо дворе яма.')).toBe('Здравствуйте!\n\nВо дворе яма.');
    expect(inertText('Здравствуйте!\n\n\n \n\t\n\r\n\u00A0\nВо дворе яма.\n\n\n')).toBe('Здравствуйте!\n\nВо дворе яма.');
    expect(inertText('\n\n  \n   Во дворе\n   яма')).toBe('   Во дворе\n   яма');
    // A line of invisible characters is a blank line once they are gone.
    expect(inertText('а\n\u200B\n\u202E\nб')).toBe('а\n\nб');
    // Linear on a hostile post: 100,000 newlines with spaces between.
    expect(inertText(`а${'\n '.repeat(100_000)}\nб`)).toBe('а\n\nб');
  });

  it('keep five combining marks on a letter at most: a «zalgo» pile draws over the lines around it', () => {
    const zalgo = `Н${'\u0336\u0301\u0489\u035C'.repeat(10)}ет воды`;
    expect(inertText(zalgo)).toBe('Н\u0336\u0301\u0489\u035C\u0336ет воды');
    expect(excerptOf(zalgo)).toBe('Н\u0336\u0301\u0489\u035C\u0336ет воды');
    // What languages and emoji need stays: a decomposed «й» and «ё» with a stress mark, Vietnamese «ệ», a keycap «1️⃣»,
    // Devanagari, Burmese «ကျွန်» (four marks on one letter), Tibetan «ཧྲཱིཿ».
    for (const text of ['И\u0306 е\u0308\u0301', 'Vie\u0323\u0302t', '1\uFE0F\u20E3', 'नमस्ते', 'ကျွန်', 'ཧྲཱིཿ']) expect(inertText(text)).toBe(text);
  });
});

describe('matchForm', () => {
  it('is the text as shown, composed: a word split by something invisible or written decomposed is whole', () => {
    expect(matchForm('ин\u00ADсу\u00ADлин по ре\u200Bцеп\u2060ту')).toBe('инсулин по рецепту');
    expect(matchForm('Мин\u200Dздрав \u202Eи')).toBe('Минздрав и');
    expect(matchForm('Линёво'.normalize('NFD'))).toBe('Линёво');
    // A line end stays a break between words, however it was written; the emoji joiner stays in its emoji.
    expect(matchForm('вода\rгаз\r\nсвет')).toBe('вода\nгаз\nсвет');
    expect(matchForm('👨\u200D👩 школа')).toBe('👨\u200D👩 школа');
  });

  it('leaves plain text as it is, and tells so only of text it would not change', () => {
    const plain = 'Здравствуйте! «Ямы» на ул. Ленина, 5 — уже 3-й год… № 12, 500 ₽; café Ärger\tи\nещё';
    expect(isMatchedAsWritten(plain)).toBe(true);
    expect(matchForm(plain)).toBe(plain);
    // Anything matchForm changes, or a mark a stricter form drops, is not plain.
    for (const text of ['а\u00ADб', 'а\rб', 'и\u0306', 'шко\u0301ла', 'а\u200Bб', 'а\u202Eб', 'а\u0007б', '👍', '\u212B']) {
      expect(isMatchedAsWritten(text), JSON.stringify(text)).toBe(false);
    }
  });

  it('removes the soft hyphen a mark pile could stand on', () => {
    const piles = Array.from({ length: 8 }, () => `\u00AD${'\u0336'.repeat(5)}`).join('');
    expect(inertText(`Н${piles}ет`)).toBe(`Н${'\u0336'.repeat(5)}ет`);
  });
});

describe('isBlankText', () => {
  it('is blank for nothing, blanks and zero-width characters only; any letter or mark is text', () => {
    for (const text of ['', ' \n\t ', '\u200b\u200d\ufeff', inertText(' \u202e\u200b ')]) expect(isBlankText(text), JSON.stringify(text)).toBe(true);
    for (const text of ['a', ' .', 'Нет воды', '\u200b!']) expect(isBlankText(text), JSON.stringify(text)).toBe(false);
  });
});
