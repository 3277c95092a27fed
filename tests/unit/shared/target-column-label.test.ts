// The «Предложение» column names a target by what tells it apart from the others of its kind (shared/domain/target.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Target, targetColumnLabel } from '../../../shared/domain/target.js';

const targets = Target.array().parse(JSON.parse(readFileSync(new URL('../../../resources/targets.json', import.meta.url), 'utf8')));

describe('targetColumnLabel', () => {
  it('drops the region after a ministry, «район» after a district and the city after «Мэрия», nothing else', () => {
    expect(targetColumnLabel({ kind: 'ministry', shortName: 'Минздрав НСО' })).toBe('Минздрав');
    expect(targetColumnLabel({ kind: 'ministry', shortName: 'МинЖКХ НСО' })).toBe('МинЖКХ');
    expect(targetColumnLabel({ kind: 'municipality', shortName: 'Баганский район' })).toBe('Баганский');
    expect(targetColumnLabel({ kind: 'municipality', shortName: 'г. Бердск' })).toBe('г. Бердск');
    expect(targetColumnLabel({ kind: 'municipality', shortName: 'Мэрия Новосибирска' })).toBe('Мэрия');
    expect(targetColumnLabel({ kind: 'other', shortName: 'Правительство НСО' })).toBe('Правительство');
    // A name that is only the region stays whole rather than empty.
    expect(targetColumnLabel({ kind: 'other', shortName: 'НСО' })).toBe('НСО');
  });

  it('tells every target of the region apart, in at most 14 letters', () => {
    const labels = targets.map(targetColumnLabel);
    expect(new Set(labels).size).toBe(targets.length);
    const long = labels.filter((label) => label.length > 14);
    expect(long).toEqual([]);
  });
});
