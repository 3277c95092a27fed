// The advice that a message is a thank-you or spam (electron/core/routing/not-an-appeal.ts): what it reads and, above
// all, what it must leave alone — a complaint that thanks in advance, asks a question or turns with «но». The real
// texts' figures (tests/fixtures/not-appeals-real.jsonl, quoted on public pages) are measured in the second block.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { notAnAppeal } from '../../../electron/core/routing/not-an-appeal.js';
import { suggestTargets } from '../../../electron/core/routing/suggest-targets.js';
import { NaiveBayes } from '../../../electron/core/routing/naive-bayes.js';
import type { Target } from '../../../shared/domain/target.js';

const rows = <T>(name: string): T[] => readFileSync(new URL(`../../fixtures/${name}.jsonl`, import.meta.url), 'utf8')
  .split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as T);

describe('not an appeal: the rules', () => {
  it('reads a thank-you, with the words that say so', () => {
    expect(notAnAppeal('Огромное спасибо хирургам областной больницы за операцию, низкий вам поклон!'))
      .toEqual({ reason: 'thanks', words: ['спасибо', 'поклон'] });
    expect(notAnAppeal('Хочу выразить благодарность водителю 45 маршрута')?.reason).toBe('thanks');
    expect(notAnAppeal('Благодарим администрацию за ремонт дороги')?.words).toEqual(['благодарим']);
  });

  it('leaves a complaint that thanks in advance or closes politely', () => {
    expect(notAnAppeal('Во дворе третью неделю не вывозят мусор. Заранее спасибо')).toBeNull();
    expect(notAnAppeal('Сосулька висит над подъездом. Буду благодарна, если уберут')).toBeNull();
    expect(notAnAppeal('Во дворе темно, фонарь разбит. Спасибо за внимание')).toBeNull();
  });

  it('leaves a thank-you that asks, turns or complains', () => {
    expect(notAnAppeal('Спасибо за ремонт! А когда сделают тротуар?')).toBeNull();
    expect(notAnAppeal('Спасибо за ремонт, но ямы у остановки остались')).toBeNull();
    expect(notAnAppeal('Спасибо, что ответили. Вода так и не работает, нет воды третий день')).toBeNull();
    expect(notAnAppeal('Спасибо врачам, прошу выделить больнице второй аппарат')).toBeNull();
  });

  it('reads spam from two of its marks, not from one', () => {
    expect(notAnAppeal('Заработок от 5000 в день, пиши в личку 💰')).toEqual({ reason: 'spam', words: ['заработок', 'пиши', 'личку'] });
    expect(notAnAppeal('Подписывайтесь на наш канал https://t.me/skidki_nsk')?.reason).toBe('spam');
    expect(notAnAppeal('Продам гараж, 8 913 123-45-67')?.reason).toBe('spam');
    // One mark is no spam: a resident gives a phone, a link to a photo, names a loan.
    expect(notAnAppeal('Фото ямы: https://disk.yandex.ru/i/abc')).toBeNull();
    expect(notAnAppeal('Мой телефон 8 913 123-45-67, перезвоните')).toBeNull();
    expect(notAnAppeal('Канализация во дворе течёт')).toBeNull();
  });

  it('reads a thank-you letter that tells the trouble before the thanks', () => {
    // The story comes first, its «но» and «проблема» too; the thanks is a sentence of its own weight and comes last.
    expect(notAnAppeal('Ночью в мороз пропал свет, но аварийная бригада приехала за час. Низкий поклон энергетикам!')?.reason)
      .toBe('thanks');
    expect(notAnAppeal('Спасибо депутату за решение наших проблем! Дорогу отсыпали за неделю')?.reason).toBe('thanks');
    // A letter to the paper asks it to pass the thanks on: the ask is the thanks.
    expect(notAnAppeal('Просим через вашу газету поблагодарить бригаду водоканала')?.reason).toBe('thanks');
    expect(notAnAppeal('Прошу передать благодарность хирургам третьего отделения')?.reason).toBe('thanks');
  });

  it('leaves a trouble that closes with a bare «Спасибо.» or thanks on a condition', () => {
    expect(notAnAppeal('Во дворе яма, проблема уже год. Спасибо.')).toBeNull();
    expect(notAnAppeal('Спасибо за ремонт дороги. Осталась проблема с освещением')).toBeNull();
    expect(notAnAppeal('Если есть у Вас возможность установить площадку, булем Вам очень благодарны')).toBeNull();
    expect(notAnAppeal('Жильцы дома просят Вас помочь с детской площадкой. Спасибо.')).toBeNull();
    expect(notAnAppeal('Прошу разобраться, спасибо')).toBeNull();
  });

  it('reads spam written in two alphabets («Paботa», «пиши в ЛC») and its «+ в лс»', () => {
    expect(notAnAppeal('Paботa вахтой, oплатa дo 50 000. Пишитe пока еcть меcта')?.reason).toBe('spam');
    expect(notAnAppeal('В поисках человека на подрaбoтку, с 18 лет')?.reason).toBe('spam');
    expect(notAnAppeal('Нужны люди, кому интересно + в лс')?.reason).toBe('spam');
    // One such word is one mark, not spam: a resident's slip of the keyboard layout.
    expect(notAnAppeal('Во дворе темно, фонaрь не горит')).toBeNull();
    // A person who argues is no spammer, whatever the words: «канал» twice in a complaint about TV channels.
    expect(notAnAppeal('Отключили 1 канал и канал Россия, но антенна ловит только шум')).toBeNull();
  });

  it('gives spam no pass for a thank-you in it, and none to spam that complains', () => {
    expect(notAnAppeal('Спасибо всем! Подписывайтесь на мой канал')?.reason).toBe('spam');
    expect(notAnAppeal('Почему мне не дают кредит? Заработок маленький')).toBeNull();
  });

  it('says nothing of an empty or wordless text', () => {
    expect(notAnAppeal('')).toBeNull();
    expect(notAnAppeal('👍👍👍 !!!')).toBeNull();
  });

  it('comes with the suggestions, beside the targets (advice, not a verdict)', () => {
    const targets = JSON.parse(readFileSync(new URL('../../../resources/targets.json', import.meta.url), 'utf8')) as Target[];
    const result = suggestTargets('Спасибо водителю автобуса 45 маршрута, подождал бабушку', { model: new NaiveBayes(), targets });
    expect(result.reject).toEqual({ reason: 'thanks', words: ['спасибо'] });
    expect(result.suggestions.length).toBeGreaterThan(0);
    expect(suggestTargets('Автобус 45 не пришёл, ждали час', { model: new NaiveBayes(), targets }).reject).toBeNull();
  });
});

describe('not an appeal: real texts nobody here wrote', () => {
  // Residents' complaints quoted on public pages (issue 15's sets) and our labelled set: advice on any is a defect.
  it('gives no advice on any real complaint', () => {
    const complaints = ['real-appeals-nso', 'real-appeals-nso-holdout', 'labelled-appeals']
      .flatMap((name) => rows<{ text: string }>(name));
    expect(complaints.length).toBeGreaterThan(400);
    expect(complaints.filter((row) => notAnAppeal(row.text) !== null).map((row) => row.text)).toEqual([]);
  });

  // Real thank-yous, spam and appeals that thank or advertise in passing (not-appeals-real.md names the pages). Its
  // first reading, before it changed anything, was the held-out one: 16/43, 11/27, one appeal advised. The rules were
  // then mended on it (RANKING_VERSION 20), so these floors guard what was reached; they are not a held-out measure.
  it('reads most real thank-yous and spam, and no appeal among them', () => {
    const set = rows<{ text: string; kind: 'thanks' | 'spam' | 'appeal' }>('not-appeals-real');
    const read = (kind: string) => set.filter((row) => row.kind === kind).map((row) => notAnAppeal(row.text)?.reason ?? 'appeal');
    expect(read('appeal').filter((got) => got !== 'appeal')).toEqual([]);
    expect(read('thanks').filter((got) => got === 'thanks').length).toBeGreaterThanOrEqual(25);
    expect(read('thanks').filter((got) => got === 'spam')).toEqual([]);
    expect(read('spam').filter((got) => got === 'spam').length).toBeGreaterThanOrEqual(20);
    expect(read('spam').filter((got) => got === 'thanks')).toEqual([]);
  });

  // A second set collected apart, from other pages and other spam files (not-appeals-real-holdout.md), read once by
  // the rules as they stood (RANKING_VERSION 20) and never tuned on: thank-yous 17 of 30, spam 10 of 15, none of the
  // 19 appeals advised, no advice of the wrong kind. The floors are that reading: a rule change that loses any of it
  // fails here; one that gains is measured by `npm run suggest:eval -- --holdout`.
  it('holds on a held-out set: what it says is right, and it reads what it read', () => {
    const set = rows<{ text: string; kind: 'thanks' | 'spam' | 'appeal' }>('not-appeals-real-holdout');
    expect(set.length).toBe(64);
    const read = (kind: string) => set.filter((row) => row.kind === kind).map((row) => notAnAppeal(row.text)?.reason ?? 'appeal');
    expect(read('appeal').filter((got) => got !== 'appeal')).toEqual([]);
    expect(read('thanks').filter((got) => got === 'spam')).toEqual([]);
    expect(read('spam').filter((got) => got === 'thanks')).toEqual([]);
    expect(read('thanks').filter((got) => got === 'thanks').length).toBeGreaterThanOrEqual(17);
    expect(read('spam').filter((got) => got === 'spam').length).toBeGreaterThanOrEqual(10);
  });
});
