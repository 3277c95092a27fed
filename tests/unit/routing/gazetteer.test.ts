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

  it('shows a place as written, its hyphen kept («Верх-Тулу», not «Верх Тулу»)', () => {
    expect(detectPlaces('дорога на Верх-Тулу разбита').candidates[0]?.text).toBe('Верх-Тулу');
    expect(detectPlaces('яма по Красному  проспекту').candidates[0]?.text).toBe('Красному проспекту');
  });

  it('reads an adjective in lower case as a street only beside a street word', () => {
    expect(detectPlaces('колёса у грузовика широкие, а яма глубокая').mentions).toEqual([]);
    expect(detectPlaces('на широкой улице опять яма').mentions.map((m) => m.name)).toEqual(['Широкая']);
    expect(detectPlaces('ул. выборная, у дома 125, яма').mentions.map((m) => m.name)).toEqual(['Выборная']);
    // A street name many towns share («Школьная») no more: «школьный автобус» is the school's bus, not an address.
    expect(detectPlaces('школьный автобус не пришёл').spans).toEqual([]);
    expect(detectPlaces('на школьной улице яма').mentions.map((m) => m.name)).toEqual(['Школьная']);
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
    // A made adjective alone says nothing, capitalised or not; before a place noun it names the village.
    expect(top('кочковская')).toEqual([]);
    expect(top('Зашли в Кочковскую за хлебом')).toEqual([]);
    expect(top('кочковская школа')).toEqual(['mr-kochkovsky']);
  });

  it('takes a village named like a common word only after a settlement word, or capitalised after a preposition of place, whatever its source', () => {
    // «Лекарственное» (Тогучинский) and «Северное» (Северный) come from the census table, which marks nothing: the
    // build marks them from curated.json's commonWords.
    expect(top('нет лекарственного обеспечения, северное сияние не спасёт')).toEqual([]);
    expect(top('лекарственное обеспечение льготников сорвано')).toEqual([]);
    expect(top('в с. лекарственное не ходит автобус')).toEqual(['mr-toguchinsky']);
    expect(top('в Лекарственном не ходит автобус')).toEqual(['mr-toguchinsky']);
    // A capital alone is not enough: «Шахта» is a word before it is a village.
    expect(top('Опять Шахта затоплена, пишу второй раз')).toEqual([]);
    expect(top('пишу второй раз: в Шахте затопило дорогу')).toEqual(['mr-toguchinsky']);
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

  describe('a made adjective is no place on a capital letter alone (G1)', () => {
    it.each([
      'Сибирская генерирующая компания опять отключила горячую воду',
      'Все Майские праздники не вывозили мусор',
      'Покровская церковь стоит без освещения',
      'Возле Вознесенского собора провалился асфальт',
      'Жители пишут про Невский спуск и Благовещенский храм',
      'Опять Казанская икона, Петровский пост и Киевская лавра в новостях',
    ])('«%s» names no municipality', (text) => {
      expect(top(text)).toEqual([]);
    });

    it('takes a made adjective before a place noun, or after a settlement word', () => {
      expect(top('Козихинская средняя школа без учителя')).toEqual(['mr-ordynsky']);
      expect(top('В Кочковской ЦРБ нет терапевта')).toEqual(['mr-kochkovsky']);
      // An adjective in general use needs a settlement word even before a place noun: a «Сибирская школа» is anywhere.
      expect(top('Сибирская школа танцев закрылась')).toEqual([]);
      expect(top('в п. Майский нет воды').sort()).toEqual(['mr-cherepanovsky', 'mr-krasnozersky']);
    });

    it('reads an adjective agreeing with the street word after it as a street, not a сельсовет', () => {
      expect(top('на Станционной улице яма')).toEqual([]);
      expect(top('Промышленная улица не чищена')).toEqual([]);
      expect(top('в Новосибирске по Совхозной улице не пройти')).toEqual(['meria-nsk']);
      // A name, a comma, then the street: an address.
      expect(top('р.п. Колывань, улица Ленина')).toEqual(['mr-kolyvansky']);
    });

    it('keeps the city first when a made adjective was its only rival', () => {
      expect(top('В Новосибирске возле Вознесенского собора провалился асфальт')).toEqual(['meria-nsk']);
    });
  });

  describe('a name several entries share names every municipality (G2)', () => {
    it('gives a village as written in one district and the namesake of a сельсовет in another both candidates', () => {
      // «Павловка» is written in Чистоозёрный district; a Павловский сельсовет is in Венгерово district.
      const found = detectPlaces('в Павловке нет света').candidates;
      expect(found.map((c) => c.targetId).sort()).toEqual(['mr-chistoozerny', 'mr-vengerovsky']);
      for (const c of found) expect(c.score).toBeLessThan(0.5);
      // The name as written ranks over the village made by rule.
      expect(found[0]?.targetId).toBe('mr-chistoozerny');
      expect(detectPlaces('в Павловке нет света').mentions[0]?.targetIds.sort()).toEqual(['mr-chistoozerny', 'mr-vengerovsky']);
    });
  });

  describe('a sentence\'s first word is not a name for its capital (G3)', () => {
    it.each([
      'Лекарственное обеспечение льготников сорвано',
      'Проблема с лекарственным обеспечением',
      'Нет воды. Набережная вся в мусоре',
      'Цветники на кладбище украли',
      'Светлое будущее обещают второй год',
      'Северное сияние видно над городом',
    ])('«%s» names no municipality', (text) => {
      expect(top(text)).toEqual([]);
    });

    it('reads «с», «п», «д», «г» as a settlement word only with their dot', () => {
      expect(top('в с. Лекарственное не ходит автобус')).toEqual(['mr-toguchinsky']);
      expect(top('в с Лекарственное не ходит автобус')).toEqual([]);
      expect(top('р.п.Линёво')).toEqual(['mr-iskitimsky']);
    });

    it('still reads a name as written at a sentence start, and a capital after an abbreviation\'s dot', () => {
      expect(top('Линёво: нет воды третий день')).toEqual(['mr-iskitimsky']);
      expect(top('Пишу из с. Набережное, дорогу размыло')).toEqual(['mr-kargatsky']);
      // Беркутовка, the village of the Беркутовский сельсовет, is known by rule only: it needs its capital.
      expect(top('Писали главе. Беркутовка без воды')).toEqual([]);
      expect(top('Писали главе, а Беркутовка без воды')).toEqual(['mr-kargatsky']);
      // An initial's dot ends no sentence.
      expect(top('Писали Иванову И. Беркутовка без воды')).toEqual(['mr-kargatsky']);
    });

    it('marks the sentence starts from the tokens detectPlaces is handed, as the suggest path hands them', () => {
      const tokens = tokenize('Жалоба. Лекарственное обеспечение сорвано');
      expect(tokens[0]?.after).toBe('.');
      expect(detectPlaces(tokens).candidates).toEqual([]);
      // The tokenizer's cached token is not changed by the marks after one occurrence of it.
      expect(tokenize('Жалоба')[0]?.after).toBeUndefined();
    });
  });

  describe('detections a second read found lost or wrong (G4)', () => {
    it('finds a town\'s adjective before a place noun in lower case: «ордынские школы» is Ордынское', () => {
      expect(top('Обращался в ордынские школы, никто не помог')).toEqual(['mr-ordynsky']);
      expect(top('листвянская школа без учителя')).toEqual(['mr-iskitimsky']);
      expect(top('Листвянская больница закрыта')).toEqual(['mr-iskitimsky']);
    });

    it('gives «Военный городок» both the microdistrict of Novosibirsk and the one of Обь', () => {
      expect(top('Военный городок: тополя спилили и бросили').sort()).toEqual(['go-ob', 'meria-nsk']);
      expect(top('в Оби, Военный городок, тополя спилили')[0]).toBe('go-ob');
    });
  });
});
