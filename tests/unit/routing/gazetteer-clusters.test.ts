// What the gazetteer gives surge clustering (electron/core/clusters/cluster-features.ts): a shared place key is what
// lets two appeals fold into one cluster, so a word the gazetteer took for a place would put unrelated complaints
// under one decision. Two hot-water complaints to the city's heating company from different streets share no place;
// two from one village do.
import { describe, expect, it } from 'vitest';
import { clusterFeaturesOf, clusterReason } from '../../../electron/core/clusters/cluster-features.js';

const received = Date.UTC(2026, 0, 15, 8);
const features = (text: string, author: string, minutes: number) => ({
  ...clusterFeaturesOf(text, { name: author }), receivedMs: received + minutes * 60_000,
});

describe('gazetteer in surge clustering', () => {
  it('gives two complaints about the Сибирская генерирующая компания from different streets no shared place', () => {
    const a = features('Сибирская генерирующая компания третий день не даёт горячую воду на улице Титова, 12', 'Анна', 0);
    const b = features('Нет горячей воды на Гусинобродском шоссе, Сибирская генерирующая компания не отвечает', 'Олег', 40);
    expect(a.places.filter((p) => b.places.includes(p))).toEqual([]);
    expect(a.places.some((p) => p.includes('сибирск'))).toBe(false);
    expect(clusterReason(a, b)).toBeNull();
  });

  it('still folds two hot-water complaints from one village into a surge (the key a real place gives)', () => {
    const a = features('В Кочковской больнице нет горячей воды третий день', 'Анна', 0);
    const b = features('Кочковская больница: горячей воды нет, пациенты моются холодной', 'Олег', 40);
    expect(a.places).toContain('p:кочки');
    expect(a.places.filter((p) => b.places.includes(p))).toEqual(['p:кочки']);
    expect(clusterReason(a, b)).toBe('surge');
  });
});
