import { describe, expect, it } from 'vitest';
import type { Target } from '../../../shared/domain/target.js';
import { matchTargets, matchTargetsEitherLayout, normalizeForMatch } from '../../../renderer/src/features/target-picker/match-targets.js';

const t = (id: string, shortName: string, name: string, kind: Target['kind'] = 'ministry'): Target =>
  ({ id, shortName, name, kind });

const TARGETS: Target[] = [
  t('gkh', 'МинЖКХ НСО', 'Министерство жилищно-коммунального хозяйства и энергетики Новосибирской области'),
  t('zdrav', 'Минздрав НСО', 'Министерство здравоохранения Новосибирской области'),
  t('obr', 'Минобр НСО', 'Министерство образования Новосибирской области'),
  t('trans', 'Минтранс НСО', 'Министерство транспорта и дорожного хозяйства Новосибирской области'),
  t('soc', 'Минтруд НСО', 'Министерство труда и социального развития Новосибирской области'),
  t('mer', 'Мэрия Новосибирска', 'Мэрия города Новосибирска', 'municipality'),
  t('zdv', 'Здвинский район', 'Администрация Здвинского района', 'municipality'),
  t('dov', 'Доволенский район', 'Администрация Доволенского района', 'municipality'),
  t('berd', 'Бердск', 'Администрация города Бердска', 'municipality'),
  t('ber', 'Берёзовский сельсовет', 'Администрация Берёзовского сельсовета', 'municipality'),
];
const ids = (query: string): string[] => matchTargets(TARGETS, query).map((x) => x.id);

describe('matchTargets', () => {
  it('puts the obvious target first for the queries operators type', () => {
    expect(ids('здр')[0]).toBe('zdrav');
    expect(ids('дов')[0]).toBe('dov');
    expect(ids('жкх')[0]).toBe('gkh');
    expect(ids('мэр')[0]).toBe('mer');
  });

  it('ignores case and treats ё as е in both directions', () => {
    expect(ids('ЗДР')[0]).toBe('zdrav');
    expect(ids('березов')).toContain('ber');
    expect(ids('берёз')[0]).toBe('ber');
    expect(normalizeForMatch('  Берёзовский   РАЙОН ')).toBe('березовский район');
  });

  it('prefers a prefix over a substring and a substring over a fuzzy hit', () => {
    // «бер»: «Бердск» and «Берёзовский» start with it; nothing else should rank above them.
    expect(ids('бер').slice(0, 2).sort()).toEqual(['ber', 'berd']);
    // «транс» is inside «Минтранс»: found although no word starts with it.
    expect(ids('транс')[0]).toBe('trans');
  });

  it('finds by the long official name too', () => {
    expect(ids('образов')[0]).toBe('obr');
    expect(ids('дорожн')[0]).toBe('trans');
  });

  it('matches fuzzy (letters in order) but drops what does not match at all', () => {
    expect(ids('мнздр')[0]).toBe('zdrav');
    expect(ids('щщщ')).toEqual([]);
  });

  it('returns every target in the given order for an empty query', () => {
    expect(ids('   ')).toEqual(TARGETS.map((x) => x.id));
  });
});

describe('matchTargetsEitherLayout (text typed on the wrong layout)', () => {
  const either = (query: string) => {
    const { targets, reading } = matchTargetsEitherLayout(TARGETS, query);
    return { ids: targets.map((x) => x.id), reading };
  };

  it('reads QWERTY text as ЙЦУКЕН when it matches nothing as typed, and says which reading it used', () => {
    expect(either('vby')).toEqual({ ids: ids('мин'), reading: 'мин' });
    expect(either('plh').ids[0]).toBe('zdrav');
    expect(either('plh').reading).toBe('здр');
    expect(either('ljd').ids[0]).toBe('dov');
    expect(either('ljd').reading).toBe('дов');
    // The punctuation keys that carry letters: «;r[» is «жкх».
    expect(either(';r[').ids[0]).toBe('gkh');
    expect(either(';r[').reading).toBe('жкх');
    // Case and the collapsed spaces as the picker shows them.
    expect(either('  Vby  Nhfyc ').reading).toBe('Мин Транс');
  });

  it('keeps the text as typed when it matches, and reports no other reading', () => {
    expect(either('здр')).toEqual({ ids: ids('здр'), reading: null });
    expect(either('мин').reading).toBeNull();
    expect(either('')).toEqual({ ids: TARGETS.map((x) => x.id), reading: null });
  });

  it('prefers the other reading when the typed text matches only worse (a word prefix against a name prefix)', () => {
    const latin: Target[] = [...TARGETS, t('it', 'ГКУ НСО «ЦИТ»', 'Центр информационных технологий ЦИТ (IT, vb-lab)', 'other')];
    // «vb» starts a word inside the Latin name above, but as «ми» it starts whole names.
    const { targets, reading } = matchTargetsEitherLayout(latin, 'vb');
    expect(reading).toBe('ми');
    expect(targets[0]?.id).not.toBe('it');
    expect(targets.length).toBeGreaterThan(5);
    // A typed hit that the other reading («дфи») cannot beat: the text as typed stays.
    expect(matchTargetsEitherLayout(latin, 'lab').reading).toBeNull();
  });

  it('drops to nothing when neither reading matches', () => {
    expect(either('qqq')).toEqual({ ids: [], reading: null });
  });
});

describe('matchTargets on the real Novosibirsk target list', () => {
  it('ranks the spec examples first', async () => {
    const { readFile } = await import('node:fs/promises');
    const real = JSON.parse(await readFile(new URL('../../../resources/targets.json', import.meta.url), 'utf8')) as Target[];
    const first = (q: string): string | undefined => matchTargets(real, q)[0]?.shortName;
    expect(first('здр')).toBe('Минздрав НСО');
    expect(first('жкх')).toBe('МинЖКХ НСО');
    expect(first('дов')).toMatch(/^Доволенский/);
  });

  it('finds the spec examples typed on the wrong layout', async () => {
    const { readFile } = await import('node:fs/promises');
    const real = JSON.parse(await readFile(new URL('../../../resources/targets.json', import.meta.url), 'utf8')) as Target[];
    const first = (q: string): string | undefined => matchTargetsEitherLayout(real, q).targets[0]?.shortName;
    expect(first('plh')).toBe('Минздрав НСО');
    expect(first(';r[')).toBe('МинЖКХ НСО');
    expect(first('ljd')).toMatch(/^Доволенский/);
    expect(matchTargetsEitherLayout(real, 'vby').reading).toBe('мин');
  });
});
