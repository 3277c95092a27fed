// Turns the lines of ОКТМО browser pages (coderf.ru's «ОК 033-2013» pages, one per сельсовет: «50642416106 | д
// Абрашино |») into rows of resources/gazetteer-source/oktmo-50-coderf.csv, in the column layout of Rosstat's OKTMO
// open-data file (so build-gazetteer.ts reads both with one parser) plus the page's address as a last column.
// Appends as it goes and never writes a code twice, so a harvest stopped half-way keeps what it had.
// Why a harvest at all: the official file is not reachable from where the gazetteer is built (see that folder's
// README.md); the pages are searched one by one (queries and coverage: harvest-notes.md).
// Usage: npx tsx scripts/gazetteer/harvest-coderf.ts < pages.txt
//   pages.txt: «url: https://coderf.ru/ok/oktmo/2013/50642416000» starts a page; then its «code | name |» lines.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isScript } from './build-gazetteer.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const HARVEST_FILE = `${root}resources/gazetteer-source/oktmo-50-coderf.csv`;

/** One page's «code | name |» lines → Rosstat-layout rows (TER;KOD1;KOD2;KOD3;KC;RAZDEL;NAME1;…;url), oblast 50 only. */
export function rowsFromPage(url: string, text: string): { code: string; row: string }[] {
  const out: { code: string; row: string }[] = [];
  for (const line of text.split(/\r?\n/u)) {
    const m = line.match(/^\s*(\d{8}|\d{11})\s*\|\s*(?:-\s*)?([^|]+?)\s*\|/u);
    if (!m?.[1] || !m[2] || !m[1].startsWith('50')) continue;
    const code = m[1];
    const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
    const [ter, kod1, kod2] = [code.slice(0, 2), code.slice(2, 5), code.slice(5, 8)];
    // Section 1 holds the municipalities (8 digits), section 2 the settlements (11 digits, the «…000» row being the
    // heading «Населенные пункты, входящие в состав …»). The control number is not shown on the pages: left empty.
    const [kod3, razdel] = code.length === 8 ? ['000', '1'] : [code.slice(8), '2'];
    const fields = [q(ter), q(kod1), q(kod2), q(kod3), '""', q(razdel), q(m[2]), '', '', '', '', '', '', q(url)];
    out.push({ code: `${code}|${razdel}`, row: fields.join(';') });
  }
  return out;
}

/** Codes already in the harvest file (a row's code and section), so a rerun appends only what is new. */
function knownCodes(): Set<string> {
  if (!existsSync(HARVEST_FILE)) return new Set();
  return new Set(readFileSync(HARVEST_FILE, 'utf8').split('\n').filter(Boolean).map((l) => {
    const f = l.split(';').map((x) => x.replace(/^"|"$/gu, ''));
    return `${f.slice(0, 3).join('')}${f[5] === '2' ? f[3] : ''}|${f[5]}`;
  }));
}

if (isScript(import.meta.url, process.argv[1])) {
  const known = knownCodes();
  let url = '';
  let page = '';
  let added = 0;
  const flush = () => {
    for (const { code, row } of rowsFromPage(url, page)) {
      if (known.has(code)) continue;
      known.add(code);
      appendFileSync(HARVEST_FILE, `${row}\n`);
      added++;
    }
    page = '';
  };
  for (const line of readFileSync(0, 'utf8').split(/\r?\n/u)) {
    const start = line.match(/^url:\s*(\S+)/u);
    if (start?.[1]) { flush(); url = start[1]; } else page += `${line}\n`;
  }
  flush();
  console.log(`${HARVEST_FILE}: ${added} rows added, ${known.size} in all`);
}
