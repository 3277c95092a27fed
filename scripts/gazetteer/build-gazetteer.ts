// Builds resources/gazetteer.json, the place data the routing gazetteer loads, from the files in
// resources/gazetteer-source/ (what each is, its licence and date: that folder's README.md):
//  - oktmo-50.csv, when present: Rosstat's OKTMO open-data file (section 2, every settlement with its municipality),
//    cut to Novosibirsk oblast (TER 50). Not committed: see the README for where to get it.
//  - oktmo-50-coderf.csv: the same classifier's rows as coderf.ru's ОКТМО pages show them, in the open-data file's
//    column layout plus the page address (made by harvest-coderf.ts; partial: harvest-notes.md says how far).
//  - vpn2020-tab5-nso.csv: Rosstat, 2020 census, volume 1 table 5, the Novosibirsk oblast block: every municipal
//    district and okrug, every rural and urban settlement (сельсовет, рабочий посёлок) in it, and the settlements
//    the table names on their own.
//  - curated.json: the hand-written list the gazetteer had before (city microdistricts and streets, villages,
//    names that are also common words).
// Usage: npx tsx scripts/gazetteer/build-gazetteer.ts [--check]   (--check: fail if gazetteer.json is stale)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import targets from '../../resources/targets.json' with { type: 'json' };

// A file path, not URL.pathname: that one stays percent-encoded («%20», Cyrillic) and has a leading «/» on Windows.
const root = fileURLToPath(new URL('../../', import.meta.url));
const src = (name: string) => resolve(root, 'resources/gazetteer-source', name);

interface MunicipalityOut { targetId: string; names: string[]; places: string[]; selsovets: string[] }
interface Curated {
  /** Settlement names that are also common Russian words, wherever a source lists them (see markCommonWords). */
  commonWords: string[];
  /** Adjectives in general use that are also a place's adjective («Сибирский», «Майский»); read by gazetteer.ts. */
  commonAdjectives: string[];
  region: string[];
  municipalities: { targetId: string; names: string[]; places: string[] }[];
  city: Record<string, unknown>;
}

const fold = (s: string) => s.toLowerCase().replaceAll('ё', 'е').replace(/\s+/gu, ' ').trim();

// ---- municipality names of the sources → routing target ids (resources/targets.json) ----
const MUNICIPAL = (targets as { id: string; kind: string; shortName: string }[])
  .filter((t) => t.kind === 'municipality');
/** «Баганский муниципальный район», «Городской округ город Бердск», «рабочий поселок Кольцово» → target id. */
export function targetOfMunicipality(name: string): string | null {
  const n = fold(name);
  const district = n.match(/^([а-я-]+) (?:муниципальный )?район/u);
  if (district) return MUNICIPAL.find((t) => fold(t.shortName) === `${district[1]} район`)?.id ?? null;
  const town = n.match(/(?:город|рабочий поселок|р\. п\.|г\.) ([а-я-]+)/u);
  if (town) {
    if (town[1] === 'новосибирск') return 'meria-nsk';
    return MUNICIPAL.find((t) => t.id.startsWith('go-') && fold(t.shortName).endsWith(` ${town[1]}`))?.id ?? null;
  }
  return null;
}

// Settlement types as the sources write them → the short prefix the gazetteer keeps (shown in reasons, and a
// settlement word a text may put before the name).
const TYPE_PREFIX: [RegExp, string][] = [
  [/^(?:г|город)\.?$/u, 'г.'], [/^(?:пгт|рп|р\. ?п\.|рабочий поселок|дп|дачный поселок)$/u, 'рп'],
  [/^(?:с|село)\.?$/u, 'с.'], [/^(?:д|деревня)\.?$/u, 'д.'], [/^(?:п|пос|поселок|посёлок)\.?$/u, 'п.'],
  [/^(?:ст|станция|ж\/д ст)\.?$/u, 'ст.'], [/^(?:рзд|разъезд|ж\/д рзд)\.?$/u, 'рзд.'], [/^(?:х|хутор)\.?$/u, 'х.'],
  [/^аул$/u, 'аул'], [/^(?:нп|населенный пункт)$/u, 'нп'],
];
function prefixOf(type: string): string {
  const t = fold(type);
  for (const [re, prefix] of TYPE_PREFIX) if (re.test(t)) return prefix;
  return 'нп';
}

// ---- Rosstat OKTMO open data (cp1251 or UTF-8; «;»-separated, quoted): section 2 rows are settlements ----
export function settlementsFromOktmo(text: string): { name: string; targetId: string }[] {
  const kod1Target = new Map<string, string>();
  const out: { name: string; targetId: string }[] = [];
  for (const line of text.split(/\r?\n/u)) {
    const f = line.split(';').map((x) => x.replace(/^"|"$/gu, '').trim());
    const [ter, kod1, kod2, kod3, , razdel, name] = f;
    if (ter !== '50' || !kod1 || !name) continue;
    if (razdel === '1' && kod2 === '000' && kod3 === '000') {
      const id = targetOfMunicipality(name);
      if (id) kod1Target.set(kod1, id);
    } else if (razdel === '2' && kod3 && kod3 !== '000') {
      const targetId = kod1Target.get(kod1);
      // «с Козиха», «рп Линево», «ж/д ст Евсино»: the type is every word before the first capitalised one.
      const m = name.match(/^(.*?)\s*([А-ЯЁ0-9].*)$/u);
      if (targetId && m?.[2]) out.push({ name: `${prefixOf(m[1] ?? '')} ${m[2]}`.trim(), targetId });
    }
  }
  return out;
}

// ---- Rosstat 2020 census, table 5, Novosibirsk oblast block ----
export function fromCensusTable(csv: string): { targetId: string; places: string[]; selsovets: string[] }[] {
  const byTarget = new Map<string, { places: string[]; selsovets: string[] }>();
  let current: string | null = null;
  const entry = (id: string) => {
    let e = byTarget.get(id);
    if (!e) { e = { places: [], selsovets: [] }; byTarget.set(id, e); }
    return e;
  };
  for (const line of csv.split(/\r?\n/u)) {
    const cell = line.match(/^"([^"]*)"/u)?.[1]?.trim();
    if (!cell) continue;
    // A new municipality starts a block: «X муниципальный район[ - …]», «Городской округ город X[ - …]».
    if (/муниципальный район|^Городской округ/u.test(cell)) {
      current = targetOfMunicipality(cell.split(' - ')[0] ?? cell);
    }
    if (!current || current === 'meria-nsk') continue;
    const e = entry(current);
    const parts = cell.split(' - ').map((p) => p.trim());
    for (const part of parts) {
      let m = part.match(/^Сельское поселение (.+ сельсовет)$/u);
      if (m?.[1]) { e.selsovets.push(m[1]); continue; }
      m = part.match(/^(?:Городское поселение |Городской округ )?(город|рабочий поселок|г\.|пгт) ([А-ЯЁ][А-ЯЁа-яё-]*(?: [А-ЯЁ][А-ЯЁа-яё-]*)?)(?: рп)?$/u);
      if (m?.[1] && m[2]) { e.places.push(`${prefixOf(m[1])} ${m[2]}`); continue; }
      m = part.match(/^(село|поселок|деревня|станция|дачный поселок|разъезд) ([А-ЯЁ].*)$/u);
      if (m?.[1] && m[2]) e.places.push(`${prefixOf(m[1])} ${m[2]}`);
    }
  }
  return [...byTarget].map(([targetId, v]) => ({ targetId, places: [...new Set(v.places)], selsovets: [...new Set(v.selsovets)] }));
}

/** Same place however written: type prefix, ё, case and the common-word mark do not count. */
const placeKey = (p: string) => fold(p.replace(/\*$/u, '').replace(/^(?:г\.|с\.|д\.|п\.|рп|дп|ст\.|рзд\.|х\.|аул|нп|мкр)\s*/u, ''));

/**
 * A settlement whose name is also a common word («п. Заря», «с. Лекарственное» of «лекарственное обеспечение»)
 * gets the trailing * the gazetteer reads as «needs a settlement word or a capital letter» — whichever source it
 * came from: the names of curated.json's `commonWords`, and every name curated.json marks anywhere, count in every
 * district, so the census and OKTMO rows (which carry no mark) go through the same rule.
 */
export function markCommonWords(places: string[], common: Set<string>): string[] {
  return places.map((p) => (!p.endsWith('*') && common.has(placeKey(p)) ? `${p}*` : p));
}

/** `oktmo: false` builds from the committed sources only, as if the official OKTMO file were absent. */
export function buildGazetteer(options: { oktmo?: boolean } = {}): Record<string, unknown> {
  const curated = JSON.parse(readFileSync(src('curated.json'), 'utf8')) as Curated;
  const census = fromCensusTable(readFileSync(src('vpn2020-tab5-nso.csv'), 'utf8'));
  const oktmoFile = src('oktmo-50.csv');
  const oktmo = options.oktmo !== false && existsSync(oktmoFile) ? settlementsFromOktmo(decode(readFileSync(oktmoFile))) : [];
  const harvestFile = src('oktmo-50-coderf.csv');
  const harvested = existsSync(harvestFile) ? settlementsFromOktmo(readFileSync(harvestFile, 'utf8')) : [];
  const out: MunicipalityOut[] = curated.municipalities.map((m) => ({ ...m, places: [...m.places], selsovets: [] }));
  const byId = new Map(out.map((m) => [m.targetId, m]));
  const add = (targetId: string, place: string) => {
    const m = byId.get(targetId);
    if (!m) throw new Error(`no municipality ${targetId} for ${place}`);
    // The curated spelling wins (it carries the common-word mark), otherwise the first source's.
    if (!m.places.some((p) => placeKey(p) === placeKey(place))) m.places.push(place);
  };
  for (const c of census) {
    for (const p of c.places) add(c.targetId, p);
    const m = byId.get(c.targetId);
    if (m) m.selsovets = c.selsovets;
  }
  // The official file first: the harvested pages only add what it lacks (or everything, while it is absent).
  for (const s of [...oktmo, ...harvested]) add(s.targetId, s.name);
  const common = new Set([
    ...curated.commonWords,
    ...curated.municipalities.flatMap((m) => m.places).filter((p) => p.endsWith('*')),
  ].map(placeKey));
  for (const m of out) m.places = markCommonWords(m.places, common);
  const settlements = out.reduce((n, m) => n + m.places.length, 0);
  return {
    about: 'Novosibirsk oblast places → routing target ids of resources/targets.json. Generated by '
      + 'scripts/gazetteer/build-gazetteer.ts from resources/gazetteer-source/ (sources, licences and dates: its '
      + 'README.md); do not edit by hand. A place marked with a trailing * is also a common Russian word: it counts '
      + 'only after a settlement word (с., п., рп, село, посёлок…) or capitalised inside a sentence after a '
      + 'preposition of place («в Лекарственном»). «commonAdjectives» are adjectives in general use that are also a '
      + 'place\'s adjective: made by rule they count only after a settlement word. '
      + '«selsovets» are the rural settlements (сельсоветы) of each district: their names and the villages named '
      + 'after them («Козихинский сельсовет» → «в Козихе») resolve to the district.',
    sources: [
      ...(oktmo.length ? [{ file: 'oktmo-50.csv', what: 'Rosstat OKTMO open data, section 2 (settlements)', rows: oktmo.length }] : []),
      ...(harvested.length ? [{
        file: 'oktmo-50-coderf.csv',
        what: 'OKTMO OK 033-2013 (Rosstat) as coderf.ru pages show it: a partial harvest, see harvest-notes.md',
        rows: harvested.length,
      }] : []),
      { file: 'vpn2020-tab5-nso.csv', what: 'Rosstat, 2020 All-Russian census, vol. 1 table 5, Novosibirsk oblast' },
      { file: 'curated.json', what: 'hand-written list kept from the gazetteer before issue 15' },
    ],
    counts: { settlements, selsovets: out.reduce((n, m) => n + m.selsovets.length, 0) },
    region: curated.region,
    commonAdjectives: curated.commonAdjectives,
    municipalities: out,
    city: curated.city,
  };
}

/** The OKTMO file is published in windows-1251; a UTF-8 copy is read as it is. */
function decode(bytes: Buffer): string {
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\uFFFD') ? new TextDecoder('windows-1251').decode(bytes) : utf8;
}

/**
 * Is the module at `moduleUrl` the script node was started with (`argv1`)? Compared as file URLs: a path with spaces,
 * Cyrillic or a Windows drive letter is percent-encoded in the URL, so `file://${argv1}` would not match and
 * `--check` would pass without checking anything.
 */
export function isScript(moduleUrl: string, argv1: string | undefined): boolean {
  return argv1 !== undefined && moduleUrl === pathToFileURL(resolve(argv1)).href;
}

if (isScript(import.meta.url, process.argv[1])) {
  const json = `${JSON.stringify(buildGazetteer(), null, 1)}\n`;
  const target = resolve(root, 'resources/gazetteer.json');
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== json) { console.error('resources/gazetteer.json is stale: run the build'); process.exit(1); }
  } else {
    writeFileSync(target, json);
    const data = JSON.parse(json) as { counts: { settlements: number; selsovets: number } };
    console.log(`resources/gazetteer.json: ${data.counts.settlements} settlements, ${data.counts.selsovets} selsovets, ${json.length} bytes`);
  }
}
