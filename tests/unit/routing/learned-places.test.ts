// Places learned from decisions (electron/core/routing/learned-places.ts): a village the gazetteer does not know,
// counted against the municipality the appeals naming it were routed to, read back only where it names one place.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectPlaces } from '../../../electron/core/routing/gazetteer.js';
import { LearnedPlaces } from '../../../electron/core/routing/learned-places.js';
import { NaiveBayes } from '../../../electron/core/routing/naive-bayes.js';
import { tokenize } from '../../../electron/core/routing/russian-text.js';
import { suggestTargets } from '../../../electron/core/routing/suggest-targets.js';
import type { Target } from '../../../shared/domain/target.js';

const targets = JSON.parse(readFileSync(new URL('../../../resources/targets.json', import.meta.url), 'utf8')) as Target[];
const placesIn = (places: LearnedPlaces, text: string) => {
  const tokens = tokenize(text);
  return places.placesIn(tokens, detectPlaces(tokens).spans).map((p) => p.targetId);
};

describe('learned places', () => {
  it('are not in the gazetteer to begin with (else the test proves nothing)', () => {
    expect(detectPlaces('Мы живём в деревне Родькино, дорогу не чистят').candidates).toEqual([]);
    expect(detectPlaces('В трёх километрах от Бакмасихи дорога стала непроходимой').candidates).toEqual([]);
  });

  it('learn a name written after a settlement word or a preposition of place, in any case, and take it back', () => {
    const places = new LearnedPlaces();
    const keys = places.learn(tokenize('Мы живём в деревне Родькино, дорогу не чистят'), 'mr-ust-tarksky');
    expect(keys).toEqual(['родькин']);
    places.learn(tokenize('В трёх километрах от Бакмасихи дорога стала непроходимой'), 'mr-kolyvansky');
    expect(placesIn(places, 'В Родькино нет света на улицах')).toEqual(['mr-ust-tarksky']);
    expect(placesIn(places, 'Автобус до Бакмасихи не ходит')).toEqual(['mr-kolyvansky']);
    // Taken back by the keys it was learned with (kept with the decision), not by reading the text again.
    places.forget(keys, 'mr-ust-tarksky');
    expect(placesIn(places, 'В Родькино нет света на улицах')).toEqual([]);
    expect(Object.keys(places.toState())).toEqual(['бакмасих']);
  });

  it('read no place from a sentence start, a body, a quoted name, a word in capitals or a lower-case word', () => {
    const places = new LearnedPlaces();
    for (const text of ['Написала из города. Надеемся, что ответят', 'Обратилась в Министерство и в Прокуратуру',
      'Щебень на «Богатырь» возят', 'Жалоба в МУП не помогла', 'Село наше стоит в низине', 'Родькино: дорогу размыло']) {
      places.learn(tokenize(text), 'mr-kolyvansky');
    }
    expect(places.toState()).toEqual({});
  });

  it('name a municipality only when most of the decisions naming the word went there', () => {
    const places = new LearnedPlaces();
    // «на Заречной»: a street of many towns (not in the gazetteer), routed to three of them.
    for (const target of ['go-berdsk', 'go-iskitim', 'mr-barabinsky']) places.learn(tokenize('Яма на Заречной у магазина'), target);
    expect(Object.keys(places.toState())).toEqual(['заречн']);
    expect(placesIn(places, 'Опять на Заречной нет света')).toEqual([]);
    for (let i = 0; i < 3; i++) places.learn(tokenize('Снег не убран в деревне Родькино'), 'mr-ust-tarksky');
    places.learn(tokenize('Снег не убран в деревне Родькино'), 'mr-tatarsky');
    expect(placesIn(places, 'В Родькино снег')).toEqual(['mr-ust-tarksky']);
    // The state round-trips through the cache's JSON.
    expect(placesIn(new LearnedPlaces(JSON.parse(JSON.stringify(places.toState())) as never), 'В Родькино снег'))
      .toEqual(['mr-ust-tarksky']);
  });

  it('send a local matter to the learned municipality instead of the default, after a place the gazetteer reads', () => {
    const places = new LearnedPlaces();
    places.learn(tokenize('Мы живём в деревне Родькино, дорогу не чистят'), 'mr-ust-tarksky');
    places.learn(tokenize('Из Родькино до трассы не проехать'), 'mr-ust-tarksky');
    const ctx = { model: new NaiveBayes(), targets, defaultLocalTargetId: 'meria-nsk', places };
    const snow = suggestTargets('В Родькино третий день не чистят снег на улицах', ctx).suggestions;
    expect(snow[0]?.targetId).toBe('mr-ust-tarksky');
    expect(snow[0]?.reason).toMatch(/^место: Родькино → .* \(по прежним решениям\)/);
    expect(snow.map((s) => s.targetId)).not.toContain('meria-nsk');
    // Named in the text and backed by two decisions, it goes before the page written on (a city news page takes the
    // whole oblast's messages); backed by one, it is offered beside the page's (a brand or a surname after «в», «у»
    // may have been learned from a single decision).
    const onPage = { ...ctx, channelName: 'Новосибирск онлайн' };
    expect(suggestTargets('В Родькино третий день не чистят снег на улицах', onPage).suggestions[0]?.targetId).toBe('mr-ust-tarksky');
    const once = new LearnedPlaces();
    once.learn(tokenize('Мы живём в деревне Родькино, дорогу не чистят'), 'mr-ust-tarksky');
    expect(suggestTargets('В Родькино третий день не чистят снег на улицах', { ...onPage, places: once }).suggestions
      .map((s) => s.targetId).slice(0, 2)).toEqual(['meria-nsk', 'mr-ust-tarksky']);
    // Without what was learned: the default. With a place the gazetteer knows: that place, the learned one unread.
    expect(suggestTargets('В Родькино третий день не чистят снег на улицах', { ...ctx, places: new LearnedPlaces() })
      .suggestions[0]?.targetId).toBe('meria-nsk');
    expect(suggestTargets('В Родькино и в Линёво не чистят снег на улицах', ctx).suggestions.map((s) => s.targetId))
      .not.toContain('mr-ust-tarksky');
  });
});
