// Numbers as Russian readers write them, in one place for every count and figure the app shows: «1 234 567» with a
// no-break space between thousands (Intl 'ru-RU', so a group never wraps onto the next line), «2,5» with a comma.

const WHOLE = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 });

/** «12 345»: a count, rounded to a whole number. */
export function formatCountRu(n: number): string {
  return WHOLE.format(n);
}

/** «2,5», «1 234,5»: a figure with at most one decimal (chart axes, rates). */
export function formatNumberRu(n: number): string {
  return ONE_DECIMAL.format(n);
}

/** «1 234 из 12 000»: progress of a long job. */
export function formatProgressRu(done: number, total: number): string {
  return `${formatCountRu(done)} из ${formatCountRu(total)}`;
}
