// Surge clustering compares Snowball stems (electron/core/clusters/cluster-features.ts), not the routing model's lemma
// keys: its problem keywords (RULE_STEMS) are stems, and the cluster_features rows a cache already holds were written
// with stems, so an appeal arriving after an upgrade must give the same keys (review 47, M1).
import { describe, expect, it } from 'vitest';
import { clusterFeaturesOf, clusterReason } from '../../../electron/core/clusters/cluster-features.js';
import { STOP_STEMS, tokenize } from '../../../electron/core/routing/russian-text.js';

const received = Date.UTC(2026, 0, 15, 8);

describe('cluster features', () => {
  it('finds the problem keyword in «скорая не едет»', () => {
    const features = clusterFeaturesOf('Третий час ждём скорую на улице Титова, 12, скорая не едет', { name: 'Анна' });
    expect(features.problem).toEqual(['скор']);
    expect(features.places).toContain('p:титова');
  });

  it('keeps the content words as Snowball stems, in order, without places, stop words or numbers', () => {
    const text = 'Учительницы в школе на улице Титова, 12 жалуются: учителя не получают зарплату';
    const { words } = clusterFeaturesOf(text, { name: 'Анна' });
    const stems = [...new Set(tokenize(text).map((t) => t.stem))]
      .filter((s) => s.length >= 2 && !STOP_STEMS.has(s) && !/^\d+$/.test(s) && s !== 'титов'); // the place named
    expect(words).toEqual(stems);
    expect(words).toEqual(['учительниц', 'школ', 'улиц', 'жал', 'учител', 'получа', 'зарплат']);
    // Two words a lemma key would fold into one («учитель») stay two stems, as rows stored before hold them.
    expect(words).toContain('учительниц');
    expect(words).toContain('учител');
  });

  it('folds two ambulance complaints from one street within hours into a surge', () => {
    const a = { ...clusterFeaturesOf('Третий час ждём скорую на улице Титова, 12, скорая не едет', { name: 'Анна' }),
      receivedMs: received };
    const b = { ...clusterFeaturesOf('Улица Титова: вызвали скорую к соседу два часа назад, никого', { name: 'Олег' }),
      receivedMs: received + 40 * 60_000 };
    expect(b.problem).toEqual(['скор']);
    expect(clusterReason(a, b)).toBe('surge');
  });
});
