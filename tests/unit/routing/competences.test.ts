// Competences as data (resources/competences/competences.json): every routing class has them, with a statute named,
// in hundreds for a ministry, and every concept lemmatises to keys the router finds again in the concept's own words.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPETENCE_CLASSES, allConcepts, competenceEvidence } from '../../../electron/core/routing/competences.js';
import { LOCAL_CLASS } from '../../../electron/core/routing/ministry-rules.js';

interface File { classes: Record<string, { source: string; topic: string; weight: number; concepts: string[] }[]> }
const file = JSON.parse(readFileSync(new URL('../../../resources/competences/competences.json', import.meta.url), 'utf8')) as File;
const targets = JSON.parse(readFileSync(new URL('../../../resources/targets.json', import.meta.url), 'utf8')) as { id: string; kind: string }[];

describe('competences', () => {
  it('cover every ministry, the government and the municipal class', () => {
    // The government («other») answers for the bodies with no target of their own: agriculture, veterinary service.
    const bodies = targets.filter((t) => t.kind !== 'municipality').map((t) => t.id);
    expect([...COMPETENCE_CLASSES].sort()).toEqual([...bodies, LOCAL_CLASS].sort());
  });

  it('give each class many concepts, from a named statute, with a weight 1–3', () => {
    for (const [cls, groups] of Object.entries(file.classes)) {
      const concepts = groups.flatMap((g) => g.concepts);
      // The government's are only those of the bodies with no target of their own.
      expect(concepts.length, cls).toBeGreaterThanOrEqual(cls === 'gov' ? 50 : 80);
      for (const group of groups) {
        expect(group.source.length, `${cls}: ${group.topic}`).toBeGreaterThan(20);
        expect([1, 2, 3]).toContain(group.weight);
      }
    }
    expect(allConcepts().length).toBeGreaterThanOrEqual(1500);
  });

  it('name the statute: the ministries their положение, the government its bodies\', the municipal class 131-ФЗ', () => {
    for (const [cls, groups] of Object.entries(file.classes)) {
      const statutes = groups.filter((g) => g.weight >= 2).map((g) => g.source);
      expect(statutes.length, cls).toBeGreaterThan(0);
      const statute = cls === LOCAL_CLASS ? /131-ФЗ/ : cls === 'gov' ? /Положение об? (министерстве|управлении)/ : /Положение о министерстве/;
      for (const source of statutes) expect(source).toMatch(statute);
    }
  });

  it('lemmatise every concept to keys its own words are found by', () => {
    const lost: string[] = [];
    for (const concept of allConcepts()) {
      expect(concept.keys.every((k) => k.length > 0 && k.every((key) => key.length > 0)), concept.text).toBe(true);
      if (!competenceEvidence(concept.text).has(concept.cls)) lost.push(`${concept.cls}: ${concept.text}`);
    }
    expect(lost).toEqual([]);
  });

  it('decline an abbreviation written in capitals only in capitals: «одна», «едва» are words, «ОДНа», «ЕДВ» are not', () => {
    expect(competenceEvidence('Одна упаковка оказалась нормальной, вторая с плесенью').has('mingkh')).toBe(false);
    expect(competenceEvidence('Мы одну зиму уже так прожили, в одном месте').has('mingkh')).toBe(false);
    expect(competenceEvidence('Едва дошла до остановки').has('minsoc')).toBe(false);
    expect(competenceEvidence('Перерасчёт ОДНа так и не сделали').get('mingkh')?.words).toContain('ОДНа');
    expect(competenceEvidence('плата за одн выросла').has('mingkh')).toBe(true);
    expect(competenceEvidence('ЕДВ не выплатили').has('minsoc')).toBe(true);
    // A short word that is no abbreviation declines as usual, however written.
    expect(competenceEvidence('в фапе нет врача').has('minzdrav')).toBe(true);
    expect(competenceEvidence('Леса горят второй день').has('minprirody')).toBe(true);
  });

  it('conjugate a verb whose stem is too short to match by key, in both voices: «лечить» is «лечился», «лечат»', () => {
    // Before, such verbs matched only the noun endings a stem of three letters is given («лечи», «леча»).
    expect(competenceEvidence('Мама лечилась там два месяца').get('minzdrav')?.words).toEqual(['лечилась']);
    expect(competenceEvidence('Там лечат одних платно').get('minzdrav')?.words).toEqual(['лечат']);
    expect(competenceEvidence('Дети учатся во вторую смену').get('minobr')?.words).toContain('учатся');
    expect(competenceEvidence('Опять отключили на весь день').get('mingkh')?.words).toEqual(['отключили']);
    // Still exact forms only: a noun sharing the short stem is not the verb.
    expect(competenceEvidence('Лечо из кабачков').has('minzdrav')).toBe(false);
    // A noun that ends as an infinitive does keeps its case forms: «сеть» is no verb «сна», «сла».
    expect(competenceEvidence('В деревне нет сети').get('mincifra')?.words).toEqual(['сети']);
    expect(competenceEvidence('Третью ночь без сна').has('mincifra')).toBe(false);
  });

  it('count a food alone as an everyday word: the trade ministry\'s matter is its price, its shop, its quality', () => {
    // «Я днём ходила за хлебом… окружили собаки» (dev set) went to trade on «хлеб» weighing as much as «суррогат».
    const strongest = (text: string) => [...competenceEvidence(text)].sort((a, b) => b[1].score - a[1].score)[0]?.[0];
    expect(strongest('Ходила за хлебом, и тут напала стая собак')).toBe(LOCAL_CLASS);
    expect(competenceEvidence('Ходила за хлебом').get('minpromtorg')?.score).toBeLessThan(2);
    expect(strongest('Хлеб и молоко опять подорожали в магазине')).toBe('minpromtorg');
  });

  it('count riding and road-surface words for the municipality as much as for the transport ministry', () => {
    // City routes and roads inside a settlement are local matters (131-ФЗ ст. 14, 16 п. 5, 7): on the ministry alone
    // these words tipped every tram stop and village track its way; the words that name the scope still decide.
    const shared = competenceEvidence('Пассажиры по часу ждут на остановке, водитель проезжает мимо');
    expect(shared.get(LOCAL_CLASS)?.score).toBeGreaterThan(0);
    expect(shared.get(LOCAL_CLASS)?.score).toBe(shared.get('mintrans')?.score);
    const suburban = competenceEvidence('Пригородный автобус до Искитима не пришёл, пассажиры мёрзнут на остановке');
    expect(suburban.get('mintrans')!.score).toBeGreaterThan(suburban.get(LOCAL_CLASS)?.score ?? 0);
    const tram = competenceEvidence('Трамвай не ходит, пассажиры ждут на остановке');
    expect(tram.get(LOCAL_CLASS)!.score).toBeGreaterThan(tram.get('mintrans')?.score ?? 0);
  });

  it('read a family named by its number of children, three and more, as a large family', () => {
    expect(competenceEvidence('У нас пятеро детей, а пособие так и не назначили').get('minsoc')?.words)
      .toContain('пятеро детей');
    expect(competenceEvidence('Воспитываю четыре ребенка одна').get('minsoc')?.score).toBeGreaterThanOrEqual(2);
    expect(competenceEvidence('У нас двое детей').get('minsoc')).toBeUndefined();
  });

  it('give the government the matters of the bodies with no target of their own: farming, veterinary service', () => {
    const strongest = (text: string) => [...competenceEvidence(text)].sort((a, b) => b[1].score - a[1].score)[0]?.[0];
    expect(strongest('Фермерам не выплатили субсидию, посевная под угрозой')).toBe('gov');
    expect(strongest('В деревне падеж скота, ветеринар не приезжает')).toBe('gov');
    // A street sweeper («уборочная машина») is no harvest, a grammatical case no cattle plague.
    expect(competenceEvidence('Уборочная машина гремит под окнами в пять утра').get('gov')).toBeUndefined();
  });

  it('hold no phrase that was matched to one text of the evaluation sets (review 47, M2)', () => {
    // Each of these matched only one message of the dev real set: tuning on the data measured, not a competence.
    const tuned = ['не положено', 'тяжело дышать', 'береговая линия', 'муниципальная реформа', 'куча глины', 'жители улицы'];
    const all = Object.values(file.classes).flat().flatMap((g) => g.concepts);
    expect(tuned.filter((phrase) => all.includes(phrase))).toEqual([]);
  });
});
