// The gazetteer: inflected place names, ё/е, names shared by two districts, streets that need a city, and words
// that are also place names.
import { describe, expect, it } from 'vitest';
import { detectPlaces, gazetteerSize } from '../../../electron/core/routing/gazetteer.js';

const top = (text: string) => detectPlaces(text).candidates.map((c) => c.targetId);

describe('gazetteer', () => {
  it('knows the 30 districts, the 5 urban okrugs and at least 150 places', () => {
    const size = gazetteerSize();
    expect(size.municipalities).toBe(35);
    expect(size.places).toBeGreaterThanOrEqual(150);
  });

  it.each([
    ['нет горячей воды в Линёво', 'mr-iskitimsky', 'Линёво'],
    ['нет горячей воды в Линево', 'mr-iskitimsky', 'Линёво'],
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
  ])('«%s» → %s', (text, targetId, place) => {
    const found = detectPlaces(text);
    expect(found.candidates[0]?.targetId).toBe(targetId);
    expect(found.candidates[0]?.place).toBe(place);
  });

  it('gives a village name shared by two districts both candidates, each with a lower score', () => {
    const found = detectPlaces('в Завьялово закрыли ФАП').candidates;
    expect(found.map((c) => c.targetId).sort()).toEqual(['mr-iskitimsky', 'mr-toguchinsky']);
    for (const c of found) expect(c.score).toBeLessThan(0.6);
    expect(top('в Завьялово Искитимского района закрыли ФАП')[0]).toBe('mr-iskitimsky');
  });

  it('needs a city for a street that exists everywhere', () => {
    expect(top('на ул. Ленина яма у остановки')).toEqual([]);
    expect(top('в Бердске на ул. Ленина яма')).toEqual(['go-berdsk']);
  });

  it('does not take the region, prepositions or common words for places', () => {
    expect(top('в Новосибирской области')).toEqual([]);
    expect(top('пишу об этом уже третий раз')).toEqual([]);
    expect(top('купил горный велосипед, а шахта лифта сломана')).toEqual([]);
    expect(top('в рп Горный разбита дорога')).toEqual(['mr-toguchinsky']);
  });
});
