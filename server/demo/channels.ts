// The public pages appeals arrive through: the regional government, ministries, the city hall and district
// administrations, with URLs shaped like each network's (vk.com/<slug>, ok.ru/group/<n>, t.me/<slug>, pos).
import type { Source } from '../../shared/domain/appeal.js';
import type { Place } from './places.js';
import type { Random } from './random.js';
import type { MinistryKey } from './topics.js';

export interface Page {
  name: string;
  slug: string;
}

const GOV: Page = { name: 'Правительство Новосибирской области', slug: 'nso_gov' };
const MINISTRY_PAGES: Record<MinistryKey, Page> = {
  minzdrav: { name: 'Минздрав НСО', slug: 'minzdrav_nso' },
  minobr: { name: 'Минобр НСО', slug: 'minobr_nso' },
  mingkh: { name: 'МинЖКХ НСО', slug: 'mingkh_nso' },
  minsoc: { name: 'Минсоц НСО', slug: 'minsoc_nso' },
  mintrans: { name: 'Минтранс НСО', slug: 'mintrans_nso' },
  mincifra: { name: 'Минцифра НСО', slug: 'mincifra_nso' },
  minkult: { name: 'Минкульт НСО', slug: 'minkult_nso' },
  minpromtorg: { name: 'Минпромторг НСО', slug: 'minpromtorg_nso' },
  minstroy: { name: 'Минстрой НСО', slug: 'minstroy_nso' },
  minsport: { name: 'Минспорт НСО', slug: 'minsport_nso' },
  minregpolitiki: { name: 'Минрегполитики НСО', slug: 'minregpolitiki_nso' },
  minprirody: { name: 'Минприроды НСО', slug: 'minprirody_nso' },
};

/** Stable fake numeric id per slug, so an OK group keeps its number across appeals. */
function numberOf(slug: string, digits: number): string {
  let h = 2166136261;
  for (const ch of slug) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const n = String(h) + String(Math.imul(h, 2654435761) >>> 0);
  return `5${n.padEnd(digits - 1, '7').slice(0, digits - 1)}`;
}

function urlOf(source: Source, page: Page): string {
  switch (source) {
    case 'vk': return `https://vk.com/${page.slug}`;
    case 'ok': return `https://ok.ru/group/${numberOf(page.slug, 14)}`;
    case 'telegram': return `https://t.me/${page.slug}`;
    case 'pos': return `https://pos.gosuslugi.ru/og/org-activities?reg_code=54&org=${page.slug}`;
  }
}

/**
 * A page as a network shows it; the demo's simulated public (live-public.ts) posts to the government's and a few
 * ministries' communities.
 */
export const channelOf = (source: Source, page: Page) => ({ name: page.name, url: urlOf(source, page) });
export const GOVERNMENT_PAGE: Page = GOV;
export const ministryPage = (ministry: MinistryKey): Page => MINISTRY_PAGES[ministry];

/** People write to the government page, the topic's ministry, or their own municipality, in that rough mix. */
export function pickChannel(r: Random, source: Source, ministry: MinistryKey | null, place: Place) {
  const page = r.weighted<Page>([
    [GOV, 35],
    [ministry ? MINISTRY_PAGES[ministry] : GOV, ministry ? 35 : 0],
    [place.page, 30],
  ]);
  return { name: page.name, url: urlOf(source, page) };
}
