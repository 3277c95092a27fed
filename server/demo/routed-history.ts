// Routed history for the demo: older appeals (31–120 days back) already decided by the demo operators, by the
// rules a ЦУР shift follows — a ministry for its subject, the municipality of the place for local matters
// (a pothole in town, street lights, snow, stray dogs). Deterministic for a count and seed, like the inbox.
import type { Appeal, Source } from '../../shared/domain/appeal.js';
import { pickChannel } from './channels.js';
import { composeAppealText, varsFor } from './compose-text.js';
import { DEMO_USERS } from './demo-users.js';
import { randomPerson } from './people.js';
import { PLACES, type Place } from './places.js';
import { createRandom } from './random.js';
import { TOPICS, type Topic } from './topics.js';

/** Local matters go to the municipality the place belongs to. */
const LOCAL_TOPICS = new Set(['roads', 'lighting', 'snow', 'dogs']);

/** Demo page slug of a municipality → its target id in resources/targets.json. */
const MUNICIPAL_TARGETS: Record<string, string> = {
  mer_nsk: 'meria-nsk', berdsk_adm: 'go-berdsk', iskitim_gorod: 'go-iskitim', gorod_ob: 'go-ob',
  koltsovo_adm: 'go-koltsovo', iskitimsky_rayon: 'mr-iskitimsky', kolyvan_rayon: 'mr-kolyvansky',
  toguchin_rayon: 'mr-toguchinsky', kupino_rayon: 'mr-kupinsky', karasuk_rayon: 'mr-karasuksky',
  barabinsk_rayon: 'mr-barabinsky', kuibyshev_rayon: 'mr-kuibyshevsky', ordynsk_rayon: 'mr-ordynsky',
  nsk_rayon: 'mr-novosibirsky', cherepanovo_rayon: 'mr-cherepanovsky', maslyanino_rayon: 'mr-maslyaninsky',
  suzun_rayon: 'mr-suzunsky', bolotnoe_rayon: 'mr-bolotninsky', tatarsk_rayon: 'mr-tatarsky',
  chulym_rayon: 'mr-chulymsky', kochenevo_rayon: 'mr-kochenevsky', moshkovo_rayon: 'mr-moshkovsky',
  kargat_rayon: 'mr-kargatsky', zdvinsk_rayon: 'mr-zdvinsky', bagan_rayon: 'mr-bagansky',
  vengerovo_rayon: 'mr-vengerovsky', chany_rayon: 'mr-chanovsky', dovolnoe_rayon: 'mr-dovolensky',
  krasnozerka_rayon: 'mr-krasnozersky', kochki_rayon: 'mr-kochkovsky', ubinsk_rayon: 'mr-ubinsky',
  kyshtovka_rayon: 'mr-kyshtovsky', severnoe_rayon: 'mr-severny', ust_tarka_rayon: 'mr-ust-tarksky',
  chistoozernoe_rayon: 'mr-chistoozerny',
};

export function routeByRule(topic: Topic, place: Place): string {
  if (!LOCAL_TOPICS.has(topic.key)) return topic.ministry;
  const target = MUNICIPAL_TARGETS[place.page.slug];
  if (!target) throw new Error(`no target for demo page ${place.page.slug}`);
  return target;
}

const DAY = 86_400_000;
const SOURCES: readonly (readonly [Source, number])[] = [['vk', 80], ['ok', 8], ['telegram', 7], ['pos', 5]];
const OPERATORS = DEMO_USERS.filter((u) => u.role === 'operator');
/** Post ids far below the inbox's (which start at 184,000 for VK): history is older. */
const FIRST_POST_ID: Record<Source, number> = { vk: 10_000, ok: 5_000, telegram: 1_000, pos: 1_000_000 };
export const MAX_DEMO_HISTORY = 150_000;

export function generateRoutedHistory(count: number, opts: { now: Date; seed?: number }): Appeal[] {
  const r = createRandom((opts.seed ?? 54) ^ 0x4157);
  const now = opts.now.getTime();
  const nextId = { ...FIRST_POST_ID };
  const topicWeights = TOPICS.map((t) => [t, t.weight] as const);
  const cityTopicWeights = topicWeights.filter(([t]) => !t.ruralOnly);
  const list: Appeal[] = [];
  for (let i = 0; i < Math.min(count, MAX_DEMO_HISTORY); i++) {
    const source = r.weighted(SOURCES);
    const place = r.pick(r.weighted(PLACES));
    const topic = r.weighted(place.city ? cityTopicWeights : topicWeights);
    const text = composeAppealText(r, topic, varsFor(r, place));
    const operator = r.pick(OPERATORS);
    // Spread evenly from 120 to 31 days back, oldest first.
    const receivedMs = Math.floor(now - 120 * DAY + (i / Math.max(1, count)) * 89 * DAY);
    nextId[source] += 1;
    const person = randomPerson(r);
    list.push({
      id: `${source}-${nextId[source]}`,
      source,
      channel: pickChannel(r, source, topic.ministry, place),
      author: { name: source === 'pos' ? person.formal : person.name },
      text,
      attachments: [],
      receivedAt: new Date(receivedMs).toISOString(),
      status: 'routed',
      targetId: routeByRule(topic, place),
      rejectReason: null,
      version: 2,
      routedBy: operator ? { id: operator.id, name: operator.name } : null,
      routedAt: new Date(receivedMs + r.int(5, 90) * 60_000).toISOString(),
    });
  }
  return list.reverse();
}
