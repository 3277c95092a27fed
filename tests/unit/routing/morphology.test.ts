// Lemma keys (electron/core/routing/lemma-ru.ts): the forms a resident writes meet the dictionary form a competence
// is written in — case endings, feminine and diminutive derivations, suppletive plurals, fleeting vowels, Latin
// transliteration — and typos still meet their concept, without merging words that only look alike.
import { describe, expect, it } from 'vitest';
import { competenceEvidence } from '../../../electron/core/routing/competences.js';
import { conceptKeys, detransliterate, lemmaKey, relationalBases } from '../../../electron/core/routing/lemma-ru.js';

const key = (word: string) => lemmaKey(word.toLowerCase().replaceAll('ё', 'е'));
const classesOf = (text: string) => [...competenceEvidence(text).keys()];
const strongest = (text: string) => [...competenceEvidence(text)].sort((a, b) => b[1].score - a[1].score)[0]?.[0];

describe('lemma keys', () => {
  it('brings the case forms of a word together', () => {
    expect(new Set(['школа', 'школе', 'школы', 'школу', 'школой', 'школах'].map(key)).size).toBe(1);
    expect(new Set(['аптека', 'аптеке', 'аптеки', 'аптеку'].map(key)).size).toBe(1);
  });

  it('brings derivations and suppletive forms to the base word', () => {
    expect(key('учительницы')).toBe(key('учителя'));
    expect(key('учительница')).toBe(key('учитель'));
    expect(key('воспитательнице')).toBe(key('воспитатель'));
    expect(key('детей')).toBe(key('ребёнок'));
    expect(key('люди')).toBe(key('человек'));
    expect(key('садике')).toBe(key('сад'));
  });

  it('indexes a concept under its form with a fleeting vowel dropped', () => {
    expect(conceptKeys('рынок')).toContain(key('рынка'));
    expect(conceptKeys('ларек')).toContain(key('ларька'));
    expect(conceptKeys('продавец')).toContain(key('продавца'));
  });

  it('reads Latin transliteration', () => {
    expect(detransliterate('shkola')).toBe('школа');
    expect(key('shkole')).toBe(key('школе'));
    expect(key('uchitel')).toBe(key('учитель'));
    expect(detransliterate('wifi')).toBe('вифи');
  });

  it('keeps apart short words whose stems collide with a concept', () => {
    expect(key('почти')).not.toBe(key('почта'));
    expect(key('могу')).not.toBe(key('могила'));
    expect(classesOf('я могу почти всё')).toEqual([]);
  });
});

describe('the competences read real spelling', () => {
  it('finds the concept in any case form and in a multi-word term', () => {
    expect(classesOf('в школу не хватает учителей')).toEqual(['minobr']);
    expect(classesOf('Учительницы нет второй месяц')).toEqual(['minobr']);
    expect(classesOf('в аптеке нет льготных лекарств')).toEqual(['minzdrav']);
    expect(classesOf('застряли в лифте, лифт не работает')).toContain('mingkh');
    expect(strongest('Управляющая компания не чистит подъезд')).toBe('mingkh');
  });

  it('forgives a letter doubled or dropped, not a letter changed', () => {
    expect(classesOf('в поликлиннике очередь')).toContain('minzdrav');
    expect(classesOf('в поликлинке очередь')).toContain('minzdrav');
    expect(classesOf('родители против')).not.toContain('mintrans'); // «водитель» is one letter away
  });

  it('reads an adjective made of a concept\'s noun as that noun, a little less surely', () => {
    expect(relationalBases('фельдшерский')).toContain(key('фельдшер'));
    expect(relationalBases('аптечного')).toContain(key('аптека'));
    expect(relationalBases('поликлиническое')).toContain(key('поликлиника'));
    expect(relationalBases('дорожные')).toContain(key('дорога'));
    expect(relationalBases('фельдшер')).toEqual([]); // a noun is no adjective
    expect(classesOf('закрыли фельдшерский пункт')).toEqual(['minzdrav']);
    expect(classesOf('санаторная путёвка не положена')).toContain('minsoc');
    const adjective = competenceEvidence('поликлиническое отделение').get('minzdrav')?.score ?? 0;
    const noun = competenceEvidence('поликлиника').get('minzdrav')?.score ?? 0;
    expect(adjective).toBeGreaterThan(0);
    expect(adjective).toBeLessThan(noun);
    // Look-alikes that are not about the noun: «главной» no head of a district, «крупные» no groats.
    expect(classesOf('на главной площади крупные лужи')).not.toContain('minregpolitiki');
    expect(classesOf('на главной площади крупные лужи')).not.toContain('minpromtorg');
  });

  it('reads a transliterated message', () => {
    expect(classesOf('v shkole net uchitelya')).toContain('minobr');
  });
});
