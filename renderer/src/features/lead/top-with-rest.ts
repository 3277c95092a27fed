// A chart of the largest few and one line for the rest: «По адресатам» showed the 12 largest and dropped the others,
// so its bars summed to 3 887 under «4 556 направлено» (a helper's trial of 6 December: the districts were the rest).
import { TARGET_FORMS, countRu, type RuForms } from '../../../../shared/text/plural-ru.js';

export interface CountedItem { key: string; label: string; count: number }

/** The first `shown` of `items` (largest first already), and «прочие (18 адресатов)» with the sum of the rest. */
export function topWithRest<T extends CountedItem>(items: readonly T[], shown: number, forms: RuForms = TARGET_FORMS): CountedItem[] {
  if (items.length <= shown) return [...items];
  const rest = items.slice(shown);
  return [...items.slice(0, shown),
    { key: '__rest', label: `прочие (${countRu(rest.length, forms)})`, count: rest.reduce((sum, item) => sum + item.count, 0) }];
}
