// No developer words in what an operator or a lead reads: every Russian string of the renderer, shared/ and the core
// (whose messages reach the screen) is scanned for jargon, raw error codes and stray English. Technical detail is
// allowed only where it is labelled for IT («для ИТ: HTTP 429»): the sync log's detail column is read by IT too.
import { describe, expect, it } from 'vitest';
import { russianStringsOf, russianUiStrings } from './ui-strings.js';

/** Developer words and codes, in Russian and in English (\b knows no Cyrillic: Russian words use \p{L} look-arounds). */
const BANNED: readonly RegExp[] = [
  /мутаци/iu, /аутбокс/iu, /(?<!\p{L})пуш/iu, /(?<!\p{L})пул(?!\p{L})/iu, /(?<!\p{L})ядр(?:о|а|у|е|ом)?(?!\p{L})/iu, /курсор/iu,
  /\bpush/i, /\bpull/i, /\boutbox\b/i, /\bsync/i, /\bmutation/i, /\bHTTP\b/, /\bE[A-Z]{4,}\b/, /\bwindow\./,
  /\b(?:undefined|null|NaN)\b/, /\b[a-z]+_[a-z_]+\b/,
];

/** Latin words that are names the reader knows: file formats, programs, a messenger, keys. */
const ALLOWED_LATIN = new Set(['XLSX', 'CSV', 'Excel', 'Telegram', 'Ctrl', 'Shift', 'Alt', 'Esc', 'Enter', 'PgDn',
  'PgUp', 'Home', 'End', 'Tab', 'Backspace', 'Delete', 'Space', 'ID']);

/** The part of a string an operator is meant to read: a «для ИТ: …» label and what follows it are for IT. */
const forReaders = (text: string): string => text.split(/для ИТ:/i)[0] ?? '';

function problemsOf(text: string): string[] {
  const shown = forReaders(text);
  const words = [...shown.matchAll(/[A-Za-z][A-Za-z-]{2,}/g)].map((m) => m[0]).filter((w) => !ALLOWED_LATIN.has(w));
  return [...BANNED.filter((re) => re.test(shown)).map(String), ...words];
}

describe('UI strings say it in plain Russian', () => {
  it('the scanner reads literals, templates and JSX text, and labelled detail is left to IT', () => {
    const found = russianStringsOf('x.tsx', [
      "const a = 'Ошибка сервера (HTTP 500)';",
      'const b = `Повтор через ${n} с (для ИТ: Retry-After ${s})`;',
      'const c = <p>Отправлено 3 мутации</p>;',
      "const d = 'plain English is not a UI string here';",
    ].join('\n'));
    expect(found.map((s) => s.line)).toEqual([1, 2, 3]);
    expect(problemsOf(found[0]!.text)).toContain(String(/\bHTTP\b/));
    expect(problemsOf(found[1]!.text)).toEqual([]);
    expect(problemsOf(found[2]!.text)).toContain(String(/мутаци/iu));
    expect(problemsOf('Сервер недоступен: ECONNREFUSED')).toContain(String(/\bE[A-Z]{4,}\b/));
    expect(problemsOf('Ошибка outbox sync')).toEqual(expect.arrayContaining(['outbox', 'sync']));
    expect(problemsOf('Приложение без связи с ядром')).toEqual([String(/(?<!\p{L})ядр(?:о|а|у|е|ом)?(?!\p{L})/iu)]);
    expect(problemsOf('Неверный вызов ядра')).toHaveLength(1);
    expect(problemsOf('Пул соединений пуст')).toHaveLength(1);
    expect(problemsOf('Пульт и ядрышко')).toEqual([]);
  });

  it('no Russian UI string of the renderer, shared/ or the core uses developer words', () => {
    const strings = russianUiStrings();
    expect(strings.length).toBeGreaterThan(500);
    const wrong = strings.flatMap((s) => {
      const problems = problemsOf(s.text);
      return problems.length === 0 ? [] : [`${s.file}:${s.line}: «${s.text.replace(/\s+/g, ' ').slice(0, 120)}» — ${problems.join(', ')}`];
    });
    expect(wrong).toEqual([]);
  }, 30_000); // parses a few hundred sources
});
