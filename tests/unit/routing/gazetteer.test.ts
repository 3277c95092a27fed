// The gazetteer: inflected place names, ё/е, settlement words and their abbreviations, adjectives and villages
// named after their сельсовет, names shared by two districts, streets that need a city, and words that are also
// place names.
import { describe, expect, it } from 'vitest';
import { detectPlaces, gazetteerSize } from '../../../electron/core/routing/gazetteer.js';
import { tokenize } from '../../../electron/core/routing/russian-text.js';

const top = (text: string) => detectPlaces(text).candidates.map((c) => c.targetId);

describe('gazetteer', () => {
  it('knows the 30 districts, the 5 urban okrugs, their villages and their сельсоветы', () => {
    const size = gazetteerSize();
    expect(size.municipalities).toBe(35);
    expect(size.settlements).toBeGreaterThanOrEqual(300);
    expect(size.selsovets).toBeGreaterThanOrEqual(380);
    expect(size.places).toBeGreaterThanOrEqual(800);
  });

  it.each([
    ['нет горячей воды в Линёво', 'mr-iskitimsky', 'Линёво'],
    ['нет горячей воды в Линево', 'mr-iskitimsky', 'Линёво'],
    ['нет горячей воды в линево', 'mr-iskitimsky', 'Линёво'],
    ['из Бердска не уехать утром', 'go-berdsk', 'Бердск'],
    ['яма по Красному проспекту у дома 82', 'meria-nsk', 'Красный проспект'],
    ['в Кольцово не горят фонари', 'go-koltsovo', 'Кольцово'],
    ['в Искитиме бродячие собаки', 'go-iskitim', 'Искитим'],
    ['в Куйбышеве не чистят снег', 'mr-kuibyshevsky', 'Куйбышев'],
    ['дорога на Верх-Тулу разбита', 'mr-novosibirsky', 'Верх-Тула'],
    ['в Оби нет света', 'go-ob', 'Оби'],
    ['в Искитимском районе закрыли ФАП', 'mr-iskitimsky', 'Искитимский район'],
    ['в Новосибирском районе', 'mr-novosibirsky', 'Новосибирский район'],
    ['в Новосибирске на Затулинке', 'meria-nsk', 'Новосибирск'],
    ['опять затопило всё на Шлюзе', 'meria-nsk', 'Шлюз'],
    ['пруд в Академгородке зарастает', 'meria-nsk', 'Академгородок'],
  ])('«%s» → %s', (text, targetId, place) => {
    const found = detectPlaces(text);
    expect(found.candidates[0]?.targetId).toBe(targetId);
    expect(found.candidates[0]?.place).toBe(place);
  });

  it.each([
    ['р.п. Колывань, улица Ленина', 'mr-kolyvansky'],
    ['рп Линёво', 'mr-iskitimsky'],
    ['пгт Линево', 'mr-iskitimsky'],
    ['ст. Евсино', 'mr-iskitimsky'],
    ['с. Палецкое', 'mr-bagansky'],
    ['д. Андреевка', 'mr-bagansky'],
    ['пос. Листвянский', 'mr-iskitimsky'],
    ['село Прокудское', 'mr-kochenevsky'],
    ['в посёлке Краснообск', 'mr-novosibirsky'],
  ])('a settlement word or its abbreviation before the name: «%s» → %s', (text, targetId) => {
    expect(top(text)[0]).toBe(targetId);
  });

  it('finds a settlement by its adjective: «Кочковская школа» is the school of Кочки', () => {
    for (const text of ['Кочковская школа без учителя', 'в Кочковской больнице', 'Кочковский ФАП закрыт']) {
      const found = detectPlaces(text).candidates[0];
      expect(found?.targetId).toBe('mr-kochkovsky');
      expect(found?.place).toBe('Кочки');
      // A form made by rule ranks under a name as written.
      expect(found?.score).toBeLessThan(0.95);
    }
    expect(top('Барабинская больница')[0]).toBe('mr-barabinsky');
    // The district's own name still wins over the adjective of its centre.
    expect(detectPlaces('Кочковский район').candidates[0]?.place).toBe('Кочковский район');
  });

  it('finds a сельсовет as written, as an adjective, and the village named after it', () => {
    expect(detectPlaces('Козихинский сельсовет не отвечает').candidates[0]).toMatchObject({
      targetId: 'mr-ordynsky', place: 'Козихинский сельсовет' });
    for (const text of ['в Козихе нет воды', 'с. Козиха', 'из Козихи не вывозят мусор', 'Козихинская школа']) {
      expect(top(text)).toEqual(['mr-ordynsky']);
    }
  });

  it('gives a village name shared by districts every candidate, each with a lower score', () => {
    const found = detectPlaces('в Завьялово закрыли ФАП').candidates;
    expect(found.map((c) => c.targetId).sort()).toEqual(['mr-iskitimsky', 'mr-toguchinsky']);
    for (const c of found) expect(c.score).toBeLessThan(0.6);
    expect(top('в Завьялово Искитимского района закрыли ФАП')[0]).toBe('mr-iskitimsky');
    const berezovka = detectPlaces('в Берёзовке нет света').candidates;
    expect(berezovka.length).toBeGreaterThanOrEqual(3);
    for (const c of berezovka) expect(c.score).toBeLessThan(0.5);
  });

  it('needs a city for a street that exists everywhere', () => {
    expect(top('на ул. Ленина яма у остановки')).toEqual([]);
    expect(top('в Бердске на ул. Ленина яма')).toEqual(['go-berdsk']);
  });

  it('reads a name after a street word as a street, never as a village', () => {
    expect(top('на ул. Красноярская прорвало трубу')).toEqual([]);
    expect(top('на улице Калинина нет фонарей')).toEqual([]);
    expect(top('в Новосибирске на ул. Красноярской')).toEqual(['meria-nsk']);
  });

  it('does not take the region, prepositions or common words for places', () => {
    expect(top('в Новосибирской области')).toEqual([]);
    expect(top('пишу об этом уже третий раз')).toEqual([]);
    expect(top('купил горный велосипед, а шахта лифта сломана')).toEqual([]);
    expect(top('в рп Горный разбита дорога')).toEqual(['mr-toguchinsky']);
    // A stem a common word shares with a village counts only when written as a name.
    expect(top('половину зарплаты отдаём за отопление')).toEqual([]);
    expect(top('кочковская школа')).toEqual([]);
  });

  it('takes a village named like a common word only after a settlement word or with a capital, whatever its source', () => {
    // «Лекарственное» (Тогучинский) and «Северное» (Северный) come from the census table, which marks nothing: the
    // build marks them from curated.json's commonWords.
    expect(top('нет лекарственного обеспечения, северное сияние не спасёт')).toEqual([]);
    expect(top('лекарственное обеспечение льготников сорвано')).toEqual([]);
    expect(top('в с. лекарственное не ходит автобус')).toEqual(['mr-toguchinsky']);
    expect(top('в Лекарственном не ходит автобус')).toEqual(['mr-toguchinsky']);
  });

  it('costs one look-up per word: a long text and many texts run through without a match gone astray', () => {
    const long = 'Жители села Козиха и деревни Андреевка пишут про дорогу, свет, воду и школу. '.repeat(200);
    const tokens = tokenize(long);
    expect(tokens.length).toBeGreaterThan(2000);
    const found = detectPlaces(tokens);
    expect(found.candidates.map((c) => c.targetId).sort()).toEqual(['mr-bagansky', 'mr-ordynsky']);
    // The same answer for the same tokens, however often asked (the index is built once, at load).
    for (let i = 0; i < 500; i++) expect(detectPlaces(tokens).candidates.length).toBe(2);
  });
});
