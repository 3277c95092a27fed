// What an export file is called. The name says what it holds (the queue's or target's name in Latin letters, the
// period of a report), and a name already taken is numbered «… (2).xlsx», never reused: two lists exported in the
// same minute under one name replaced each other silently (trial of 4 December). One rule for the core, which writes
// the file into the data folder, and the Electron shell, which copies it where the lead chooses.

/** Russian letters in Latin, the common «passport» style: МинЖКХ → minzhkkh, Коченёвский → kochenevskiy. */
const LATIN_OF: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** A slug longer than this is cut at a word: the whole name must stay readable in a folder listing. */
export const MAX_SLUG_LENGTH = 40;

/**
 * «МинЖКХ НСО» → «minzhkkh-nso», «г. Бердск» → «g-berdsk»: lower-case Latin letters, digits and single hyphens, safe
 * in a file name on every system; an accented Latin letter loses its accent, anything else becomes a separator.
 * Empty when nothing is left.
 */
export function latinSlug(text: string, max = MAX_SLUG_LENGTH): string {
  const latin = [...text.normalize('NFC').toLowerCase()].map((ch) => LATIN_OF[ch] ?? ch).join('')
    .normalize('NFKD').replace(/\p{M}/gu, '');
  const slug = latin.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const atWord = cut.lastIndexOf('-');
  return (atWord > 0 ? cut.slice(0, atWord) : slug.slice(0, max)).replace(/-+$/, '');
}

export type ExportFormat = 'xlsx' | 'csv';

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A list of appeals: «spisok-minzhkkh-nso-20261204-1657.xlsx». `subject` is what the list holds as the lead reads it
 * (a queue's label, a period); `wallClock` is the centre's local time as a Date's UTC fields, to the minute.
 */
export function listExportFileName(subject: string, wallClock: Date, format: ExportFormat): string {
  const stamp = `${wallClock.getUTCFullYear()}${pad(wallClock.getUTCMonth() + 1)}${pad(wallClock.getUTCDate())}`
    + `-${pad(wallClock.getUTCHours())}${pad(wallClock.getUTCMinutes())}`;
  const slug = latinSlug(subject);
  return `spisok-${slug ? `${slug}-` : ''}${stamp}.${format}`;
}

/** The monthly report: «otchet-2026-12.xlsx»; its month is its period. */
export function monthlyReportFileName(month: string, format: ExportFormat): string {
  return `otchet-${month}.${format}`;
}

/** The n-th name to try for `fileName`: itself first, then «spisok-….xlsx» → «spisok-… (2).xlsx», (3)… */
export function numberedFileName(fileName: string, n: number): string {
  if (n <= 1) return fileName;
  const dot = fileName.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot)] : [fileName, ''];
  return `${stem} (${n})${ext}`;
}
