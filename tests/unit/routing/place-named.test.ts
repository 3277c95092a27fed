// The evaluation's split of place-decided messages (scripts/place-named.ts): named in the message or only in the
// article that quoted it.
import { describe, expect, it } from 'vitest';
import { placeNamed, placeStems } from '../../../scripts/place-named.js';

describe('whether a message names its place', () => {
  it('finds a village or town in any case form', () => {
    expect(placeNamed('Вот такая вода течёт из крана в селе Сурково Тогучинского района', 'Сурково (Тогучинский район)')).toBe(true);
    expect(placeNamed('Все мы знаем улицу Дзержинского в Тогучине', 'г. Тогучин, ул. Дзержинского')).toBe(true);
    expect(placeNamed('Жители Линёво третий год без горячей воды', 'р.п. Линёво, Искитимский район')).toBe(true);
  });

  it('does not take the kind of place for its name, nor a place the message does not write', () => {
    expect(placeStems('Камышинка (Сузунский район)')).toEqual(['камышин', 'сузунск']);
    expect(placeNamed('Почему дрова подорожали в два раза?', 'Камышинка (Сузунский район)')).toBe(false);
    expect(placeNamed('В нашем районе на улице темно', 'Каргат, улица Красноармейская')).toBe(false);
  });

  it('does not take a street for the place: a street says nothing without its town', () => {
    expect(placeStems('Чулым, переулок Школьный')).toEqual(['чулы']);
    expect(placeNamed('невозможно выехать из переулка на улицу Школьная', 'Чулым, переулок Школьный')).toBe(false);
    expect(placeNamed('А у нас на Снежной вода месяца три не бежала', 'г. Куйбышев, ул. Снежная / ул. Фадеева')).toBe(false);
    expect(placeNamed('на Ленина опять яма', 'ул. Ленина, 39, Бердск')).toBe(false);
    expect(placeNamed('В Бердске на Ленина опять яма', 'ул. Ленина, 39, Бердск')).toBe(true);
  });
});
