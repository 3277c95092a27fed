// The gazetteer's data: resources/gazetteer.json is what scripts/gazetteer/build-gazetteer.ts makes of the named
// sources in resources/gazetteer-source/, every place points at a known routing target, and every district and
// okrug has places. The source parsers are checked on rows written as the sources write them.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import gazetteer from '../../../resources/gazetteer.json' with { type: 'json' };
import targets from '../../../resources/targets.json' with { type: 'json' };
import curated from '../../../resources/gazetteer-source/curated.json' with { type: 'json' };
import {
  buildGazetteer, fromCensusTable, isScript, markCommonWords, settlementsFromOktmo, targetOfMunicipality,
} from '../../../scripts/gazetteer/build-gazetteer.js';
import { rowsFromPage } from '../../../scripts/gazetteer/harvest-coderf.js';

const targetIds = new Set((targets as { id: string }[]).map((t) => t.id));
const municipal = (targets as { id: string }[]).map((t) => t.id).filter((id) => /^(?:mr|go)-/u.test(id));
const hasOktmo = existsSync(new URL('../../../resources/gazetteer-source/oktmo-50.csv', import.meta.url));
// The official OKTMO file is optional and not committed: the JSON is compared with a build from the committed sources
// only, unless it says it was built with the OKTMO file — then only where that file is (skipped elsewhere: a build
// here could not make it).
const builtWithOktmo = gazetteer.sources.some((s) => s.file === 'oktmo-50.csv');

describe('gazetteer data', () => {
  it.skipIf(builtWithOktmo && !hasOktmo)('is what the build makes of its sources (rerun scripts/gazetteer/build-gazetteer.ts after changing them; skipped when built with an oktmo-50.csv this checkout lacks)', () => {
    expect(gazetteer).toEqual(buildGazetteer({ oktmo: builtWithOktmo }));
  });

  it('knows it runs as a script wherever the checkout is (spaces, Cyrillic), so --check really checks', () => {
    for (const path of ['/home/me/Triage Desk/scripts/gazetteer/build-gazetteer.ts', '/дом/проекты/ЦУР/build-gazetteer.ts']) {
      // The module's own URL percent-encodes what the path writes as it is.
      const url = pathToFileURL(path).href;
      expect(url).not.toBe(`file://${path}`);
      expect(isScript(url, path)).toBe(true);
    }
    expect(isScript(pathToFileURL('/a/build-gazetteer.ts').href, '/a/other.ts')).toBe(false);
    expect(isScript(pathToFileURL('/a/build-gazetteer.ts').href, undefined)).toBe(false);
  });

  it('points every place at a known routing target and gives every district and okrug places', () => {
    for (const m of gazetteer.municipalities) {
      expect(targetIds.has(m.targetId), m.targetId).toBe(true);
      for (const p of [...m.places, ...m.selsovets]) expect(p.trim().length, m.targetId).toBeGreaterThan(1);
    }
    expect(targetIds.has(gazetteer.city.targetId)).toBe(true);
    const withPlaces = new Set(gazetteer.municipalities.filter((m) => m.places.length > 0).map((m) => m.targetId));
    expect(municipal.filter((id) => !withPlaces.has(id))).toEqual([]);
    // Every district has its сельсоветы from the census table; the okrugs have none.
    for (const m of gazetteer.municipalities) {
      if (m.targetId.startsWith('mr-')) expect(m.selsovets.length, m.targetId).toBeGreaterThanOrEqual(5);
    }
  });

  it('names its sources', () => {
    expect(gazetteer.sources.map((s) => s.file)).toEqual(expect.arrayContaining(['vpn2020-tab5-nso.csv', 'curated.json']));
    expect(gazetteer.counts.selsovets).toBe(427);
  });

  it.skipIf(!hasOktmo)('holds every settlement of the oblast once the OKTMO file is in gazetteer-source', () => {
    expect(gazetteer.counts.settlements).toBeGreaterThanOrEqual(1400);
  });

  it('marks every settlement named like a common word, from whichever source, with the * the gazetteer reads', () => {
    const common = new Set(['заря', 'лекарственное']);
    expect(markCommonWords(['п. Заря', 'с. Лекарственное', 'с. Козиха', 'п. Заря*'], common))
      .toEqual(['п. Заря*', 'с. Лекарственное*', 'с. Козиха', 'п. Заря*']);
    const key = (p: string) => p.replace(/\*$/u, '').replace(/^\S+\.?\s/u, '').toLowerCase().replaceAll('ё', 'е');
    const words = new Set(curated.commonWords.map((w) => w.toLowerCase().replaceAll('ё', 'е')));
    const unmarked = gazetteer.municipalities.flatMap((m) => m.places)
      .filter((p) => words.has(key(p)) && !p.endsWith('*'));
    expect(unmarked).toEqual([]);
    expect(gazetteer.municipalities.flatMap((m) => m.places)).toContain('с. Лекарственное*');
  });

  it('reads the harvested ОКТМО pages: a page\'s «code | name |» lines become rows the OKTMO parser takes', () => {
    const url = 'https://coderf.ru/ok/oktmo/2013/50642416000';
    const page = [
      '7 | Сибирский федеральный округ |',
      '50642000 | Ордынский муниципальный район |',
      '50642416 | - Нижнекаменский сельсовет |',
      '50642416000 | Населенные пункты, входящие в состав сельского поселения Нижнекаменский сельсовет |',
      '50642416106 | д Абрашино |',
      '01655491101 | с Чеканиха |',
    ].join('\n');
    const rows = rowsFromPage(url, page);
    expect(rows.map((r) => r.code)).toEqual(['50642000|1', '50642416|1', '50642416000|2', '50642416106|2']);
    expect(rows.every((r) => r.row.endsWith(`"${url}"`))).toBe(true);
    expect(settlementsFromOktmo(rows.map((r) => r.row).join('\n'))).toEqual([{ name: 'д. Абрашино', targetId: 'mr-ordynsky' }]);
    // The harvest is in the gazetteer, and named as a source.
    expect(gazetteer.municipalities.find((m) => m.targetId === 'mr-ordynsky')?.places).toContain('д. Абрашино');
    expect(gazetteer.sources.map((s) => s.file)).toContain('oktmo-50-coderf.csv');
  });

  it('maps the sources\' municipality names to routing targets', () => {
    expect(targetOfMunicipality('Баганский муниципальный район')).toBe('mr-bagansky');
    expect(targetOfMunicipality('Коченевский муниципальный район')).toBe('mr-kochenevsky');
    expect(targetOfMunicipality('Краснозерский муниципальный район')).toBe('mr-krasnozersky');
    expect(targetOfMunicipality('Городской округ город Бердск')).toBe('go-berdsk');
    expect(targetOfMunicipality('рабочий поселок Кольцово')).toBe('go-koltsovo');
    expect(targetOfMunicipality('город Новосибирск')).toBe('meria-nsk');
    expect(targetOfMunicipality('Выдуманный муниципальный район')).toBeNull();
  });

  it('reads the census table: districts, their сельсоветы and the settlements it names', () => {
    const rows = [
      '"Ордынский муниципальный район","55,000","","","",""',
      '"Городское поселение рабочий поселок Ордынское - городское население - пгт Ордынское рп","1","","","",""',
      '"Сельское поселение Козихинский сельсовет - сельское население","1,900","","","",""',
      '"село Козиха","1,500","","","",""',
      '"прочие сельские населенные пункты","400","","","",""',
      '"Городской округ город Обь","30,445","","","",""',
      '"Городское население - г. Обь","30,369","","","",""',
    ].join('\n');
    expect(fromCensusTable(rows)).toEqual([
      { targetId: 'mr-ordynsky', places: ['рп Ордынское', 'с. Козиха'], selsovets: ['Козихинский сельсовет'] },
      { targetId: 'go-ob', places: ['г. Обь'], selsovets: [] },
    ]);
  });

  it('reads OKTMO section 2: every settlement under its municipal district', () => {
    const rows = [
      '"50";"640";"000";"000";"1";"1";"Ордынский муниципальный район";"рп Ордынское";;"000";"0";;',
      '"50";"640";"416";"000";"1";"2";"Населенные пункты, входящие в состав сельского поселения Козихинский сельсовет";;;"000";"0";;',
      '"50";"640";"416";"101";"1";"2";"с Козиха";;;"000";"0";;',
      '"50";"640";"416";"106";"1";"2";"д Малая Кулында";;;"000";"0";;',
      '"50";"640";"416";"111";"1";"2";"ж/д ст Чингис";;;"000";"0";;',
      '"01";"601";"402";"101";"9";"2";"п Алейский";;;"000";"0";;',
    ].join('\n');
    expect(settlementsFromOktmo(rows)).toEqual([
      { name: 'с. Козиха', targetId: 'mr-ordynsky' },
      { name: 'д. Малая Кулында', targetId: 'mr-ordynsky' },
      { name: 'ст. Чингис', targetId: 'mr-ordynsky' },
    ]);
  });
});
