// An export's file name says what it holds (trial of 4 December: «spisok-20261204-1657.xlsx» for every queue, so the
// second queue exported in a minute replaced the first), in characters safe on every file system, and a taken name is
// numbered «… (2).xlsx».
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNROUTED_QUEUE_LABEL } from '../../../shared/desk-api/lead-contract.js';
import {
  latinSlug, listExportFileName, MAX_SLUG_LENGTH, monthlyReportFileName, numberedFileName,
} from '../../../shared/domain/export-file-name.js';
import { exportFileNameOf } from '../../../electron/core/lead/export-file-name-of.js';

const SAFE_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const at1657 = new Date(Date.UTC(2026, 11, 4, 16, 57, 42));

describe('latinSlug', () => {
  it('spells Russian names in Latin letters, words joined by single hyphens', () => {
    expect(latinSlug('МинЖКХ НСО')).toBe('minzhkkh-nso');
    expect(latinSlug('Минздрав НСО')).toBe('minzdrav-nso');
    expect(latinSlug('Коченёвский район')).toBe('kochenevskiy-rayon');
    expect(latinSlug('Усть-Таркский район')).toBe('ust-tarkskiy-rayon');
    expect(latinSlug('р. п. Кольцово')).toBe('r-p-koltsovo');
    expect(latinSlug('Щучья Объезжая, 15/2')).toBe('shchuchya-obezzhaya-15-2');
    expect(latinSlug(UNROUTED_QUEUE_LABEL)).toBe('ne-razobrano');
  });

  it('keeps no character a file system or a shell could take otherwise', () => {
    expect(latinSlug('../..\\CON: "a" <b> |c|*?')).toBe('con-a-b-c');
    expect(latinSlug('Café Müller')).toBe('cafe-muller');
    expect(latinSlug('Й')).toBe('y');
    expect(latinSlug('  —  ')).toBe('');
    expect(latinSlug('日本')).toBe('');
  });

  it('cuts a long name at a word, within the limit', () => {
    const slug = latinSlug('Министерство жилищно-коммунального хозяйства и энергетики Новосибирской области');
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug).toBe('ministerstvo-zhilishchno-kommunalnogo');
    expect(latinSlug('a'.repeat(60))).toBe('a'.repeat(MAX_SLUG_LENGTH));
  });

  it('gives every reference target its own safe slug', () => {
    const file = join(import.meta.dirname, '..', '..', '..', 'resources', 'targets.json');
    const targets = JSON.parse(readFileSync(file, 'utf8')) as { shortName: string }[];
    expect(targets.length).toBeGreaterThan(40);
    const slugs = targets.map((t) => latinSlug(t.shortName));
    for (const slug of slugs) expect(slug).toMatch(SAFE_SLUG);
    expect(new Set(slugs).size).toBe(slugs.length);
  });
});

describe('file names', () => {
  it('a list names its queue and the minute of the centre’s clock', () => {
    expect(listExportFileName('МинЖКХ НСО', at1657, 'xlsx')).toBe('spisok-minzhkkh-nso-20261204-1657.xlsx');
    expect(listExportFileName('Минздрав НСО', at1657, 'csv')).toBe('spisok-minzdrav-nso-20261204-1657.csv');
    expect(listExportFileName('—', at1657, 'xlsx')).toBe('spisok-20261204-1657.xlsx');
  });

  it('the monthly report names its month', () => {
    expect(monthlyReportFileName('2026-12', 'xlsx')).toBe('otchet-2026-12.xlsx');
  });

  it('a taken name is numbered before its extension', () => {
    expect(numberedFileName('otchet-2026-12.xlsx', 1)).toBe('otchet-2026-12.xlsx');
    expect(numberedFileName('otchet-2026-12.xlsx', 2)).toBe('otchet-2026-12 (2).xlsx');
    expect(numberedFileName('spisok-vse-20261204-1657.csv', 12)).toBe('spisok-vse-20261204-1657 (12).csv');
    expect(numberedFileName('README', 3)).toBe('README (3)');
  });
});

describe('the core’s name for each export', () => {
  const labels = (id: string): string => ({ minzhkh: 'МинЖКХ НСО', minzdrav: 'Минздрав НСО' })[id] ?? id;
  // The person behind an operator's queue, as the core knows them from the facts (not the rows' last deciders: a
  // lead's correction listed in an operator's queue would name the file after the lead).
  const noName = (): string | null => null;
  const people = (id: string): string | null => (id === 'u-7' ? 'Иванова Анна' : null);

  it('two queues exported in the same minute get different names', () => {
    const jkh = exportFileNameOf({ kind: 'list', format: 'xlsx', group: { by: 'target', key: 'minzhkh' } }, noName, labels, at1657);
    const zdrav = exportFileNameOf({ kind: 'list', format: 'xlsx', group: { by: 'target', key: 'minzdrav' } }, noName, labels, at1657);
    expect(jkh).toBe('spisok-minzhkkh-nso-20261204-1657.xlsx');
    expect(zdrav).toBe('spisok-minzdrav-nso-20261204-1657.xlsx');
  });

  it('names the unrouted queue, an operator’s queue, a period and everything', () => {
    expect(exportFileNameOf({ kind: 'list', format: 'csv', group: { by: 'unrouted', key: '' } }, noName, labels, at1657))
      .toBe('spisok-ne-razobrano-20261204-1657.csv');
    expect(exportFileNameOf({ kind: 'list', format: 'csv', group: { by: 'operator', key: 'u-7' } },
      people, labels, at1657)).toBe('spisok-ivanova-anna-20261204-1657.csv');
    expect(exportFileNameOf({ kind: 'list', format: 'csv', group: { by: 'operator', key: 'u-7' } }, noName, labels, at1657))
      .toBe('spisok-u-7-20261204-1657.csv');
    expect(exportFileNameOf({ kind: 'list', format: 'xlsx', period: { from: '2026-12-01', to: '2026-12-04' } }, noName, labels, at1657))
      .toBe('spisok-s-2026-12-01-po-2026-12-04-20261204-1657.xlsx');
    expect(exportFileNameOf({ kind: 'list', format: 'xlsx' }, noName, labels, at1657)).toBe('spisok-vse-20261204-1657.xlsx');
    expect(exportFileNameOf({ kind: 'monthly', month: '2026-12', format: 'csv' }, noName, labels, at1657)).toBe('otchet-2026-12.csv');
  });
});
