import { describe, expect, it } from 'vitest';
import { latinToRussian, otherLayoutReading, russianToLatin } from '../../../shared/text/keyboard-layout.js';

describe('latinToRussian / russianToLatin', () => {
  it('maps the letters key for key, both ways', () => {
    expect(latinToRussian('ghbdtn')).toBe('привет');
    expect(latinToRussian('vby')).toBe('мин');
    expect(russianToLatin('рщьу')).toBe('home');
    expect(latinToRussian('qwertyuiopasdfghjklzxcvbnm')).toBe('йцукенгшщзфывапролдячсмить');
  });

  it('maps the punctuation keys that carry Russian letters: [ ] ; \' , . ` → х ъ ж э б ю ё', () => {
    expect(latinToRussian("[];',.`")).toBe('хъжэбюё');
    expect(russianToLatin('хъжэбюё')).toBe("[];',.`");
    expect(latinToRussian('[kt,')).toBe('хлеб');
    expect(latinToRussian('`krf')).toBe('ёлка');
    expect(latinToRussian("'nf;")).toBe('этаж');
  });

  it('keeps case, the shifted punctuation keys included', () => {
    expect(latinToRussian('Ghbdtn')).toBe('Привет');
    expect(latinToRussian('VBY PLHFD')).toBe('МИН ЗДРАВ');
    expect(latinToRussian('{}:"<>~')).toBe('ХЪЖЭБЮЁ');
    expect(russianToLatin('ХЪЖЭБЮЁ')).toBe('{}:"<>~');
    expect(russianToLatin('Рщьу')).toBe('Home');
  });

  it('leaves characters of neither layout alone', () => {
    expect(latinToRussian('ntktajy 112 / № – 5%')).toBe('телефон 112 / № – 5%');
    expect(russianToLatin('школа №12 — ß ä 漢')).toBe('irjkf №12 — ß ä 漢');
  });

  it('is its own inverse on the layouts', () => {
    const russian = 'Съешь же ещё этих мягких французских булок да выпей чаю';
    expect(latinToRussian(russianToLatin(russian))).toBe(russian);
    const latin = 'The quick brown fox jumps over the lazy dog';
    expect(russianToLatin(latinToRussian(latin))).toBe(latin);
  });
});

describe('otherLayoutReading', () => {
  it('reads Latin text as typed on ЙЦУКЕН and Cyrillic text as typed on QWERTY', () => {
    expect(otherLayoutReading('vby')).toBe('мин');
    expect(otherLayoutReading('ghbdtn')).toBe('привет');
    expect(otherLayoutReading('ntgkjcyf,;tybt')).toBe('теплоснабжение');
    expect(otherLayoutReading('рщьу')).toBe('home');
    expect(otherLayoutReading('рщьу ыгзздн')).toBe('home supply');
  });

  it('returns null when there is nothing to read otherwise', () => {
    expect(otherLayoutReading('')).toBeNull();
    expect(otherLayoutReading('   ')).toBeNull();
    expect(otherLayoutReading('112')).toBeNull();
    expect(otherLayoutReading('№ 5 / 7')).toBeNull();
  });

  it('returns null for a text mixing both scripts, which was typed so on purpose', () => {
    expect(otherLayoutReading('Wi-Fi в школе')).toBeNull();
    expect(otherLayoutReading('мусор ktybycrbq')).toBeNull();
  });

  it('returns null when the Russian text would give no Latin word', () => {
    // «хлеб» on QWERTY is «[kt,»: nobody meant that.
    expect(otherLayoutReading('хлеб')).toBeNull();
    expect(otherLayoutReading('жкх')).toBeNull();
    expect(otherLayoutReading('отопление')).toBe('jnjgktybt');
  });

  it('keeps Russian punctuation after a word and an apostrophe inside one', () => {
    expect(otherLayoutReading('рщьу, ыгзздн!')).toBe('home, supply!');
    expect(otherLayoutReading('вщтэе')).toBe("don't");
  });

  it('reads a decomposed «й» (NFD) like the composed one', () => {
    expect(otherLayoutReading('й'.normalize('NFD'))).toBe('q');
  });
});
