// Deterministic demo appeals: same count and seed give the same appeals; times are offsets before `now`
// (Novosibirsk working hours heavy). All are status `new`, version 1, newest first — or, with `worked`, decided as
// the demo shift would have decided them by `now` (demo-shift.ts).
import type { Appeal, Attachment, Source } from '../../shared/domain/appeal.js';
import { pickChannel } from './channels.js';
import { composeAppealText, composeNotAppealText, varsFor, type NotAppealKind } from './compose-text.js';
import { decideAsTheShift, type ShiftIntent } from './demo-shift.js';
import { randomPerson } from './people.js';
import { PLACES, type Place } from './places.js';
import { createRandom, type Random } from './random.js';
import { routeByRule } from './routed-history.js';
import { TOPICS, type Topic } from './topics.js';

export const DEFAULT_DEMO_SEED = 54; // the oblast's region code

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOVOSIBIRSK_OFFSET = 7 * HOUR;
const SPREAD_DAYS = 30;

const SOURCE_MIX: readonly (readonly [Source, number])[] = [['vk', 80], ['ok', 8], ['telegram', 7], ['pos', 5]];
// Local hour weights: quiet nights, a morning peak, a lunch dip, a long evening tail on social networks.
const HOUR_WEIGHTS = [1, 0.6, 0.3, 0.3, 0.3, 0.6, 1.5, 3, 6, 9, 10, 10, 8, 8, 9, 9, 8, 7, 7, 7, 6, 5, 4, 2]
  .map((w, h) => [h, w] as const);
const TOPIC_WEIGHTS = TOPICS.map((t) => [t, t.weight] as const);
const CITY_TOPIC_WEIGHTS = TOPIC_WEIGHTS.filter(([t]) => !t.ruralOnly);

/** Instant in the last 30 days: a Novosibirsk calendar day, then an hour by weight; weekends quieter. */
function receivedAt(r: Random, now: number): number {
  const localDayStart = Math.floor((now + NOVOSIBIRSK_OFFSET) / DAY) * DAY;
  for (;;) {
    const daysBack = r.int(0, SPREAD_DAYS - 1);
    const local = localDayStart - daysBack * DAY + r.weighted(HOUR_WEIGHTS) * HOUR + r.int(0, HOUR / 1000 - 1) * 1000;
    const weekday = new Date(local).getUTCDay();
    if ((weekday === 0 || weekday === 6) && r.chance(0.35)) continue;
    const instant = local - NOVOSIBIRSK_OFFSET;
    if (instant <= now) return instant;
  }
}

function attachmentsFor(r: Random, source: Source, postId: number): Attachment[] {
  if (!r.chance(0.18)) return [];
  const count = r.weighted([[1, 6], [2, 2], [3, 1], [5, 0.3]] as const);
  const list: Attachment[] = [];
  for (let i = 0; i < count; i++) {
    const kind = r.weighted([['photo', 8], ['video', 1], ['link', 1]] as const);
    const hash = Math.floor(r.next() * 2 ** 40).toString(36);
    if (kind === 'video') {
      list.push({ kind, url: source === 'ok' ? `https://ok.ru/video/${r.int(1e11, 9e11)}` : `https://vk.com/video-${r.int(1e7, 2e8)}_${r.int(4e8, 5e8)}` });
    } else if (kind === 'link') {
      list.push({ kind, url: r.pick(['https://2gis.ru/novosibirsk', 'https://www.gosuslugi.ru/help', 'https://nso.ru/news', 'https://yandex.ru/maps/65/novosibirsk/']) });
    } else if (source === 'vk') {
      list.push({ kind, url: `https://sun9-${r.int(1, 88)}.userapi.com/impg/${hash}.jpg` });
    } else if (source === 'ok') {
      list.push({ kind, url: `https://i.mycdn.me/i?r=${hash}` });
    } else if (source === 'telegram') {
      list.push({ kind, url: `https://t.me/c/${postId}/${i + 1}` });
    } else {
      list.push({ kind, url: `https://pos.gosuslugi.ru/files/${hash}.jpg` });
    }
  }
  return list;
}

const withProfilePlace = (author: Appeal['author'], place: string | undefined): Appeal['author'] =>
  (place ? { ...author, place } : author);

function authorFor(r: Random, source: Source): Appeal['author'] {
  const person = randomPerson(r);
  switch (source) {
    case 'vk': return {
      name: person.name,
      url: r.chance(0.15)
        ? `https://vk.com/${r.pick(['nataly_sib', 'dimon54', 'lena.berdsk', 'sergey_nsk', 'olga.k', 'sibiryak'])}${r.int(1, 999)}`
        : `https://vk.com/id${r.int(1e5, 9e8)}`,
    };
    case 'ok': return { name: person.name, url: `https://ok.ru/profile/${r.int(1e11, 6e11)}` };
    case 'telegram': return { name: r.chance(0.4) ? `@${['nsk', 'sib', 'berdsk', 'life', 'obl'][r.int(0, 4)]}_${r.int(10, 9999)}` : person.name };
    case 'pos': return { name: person.formal };
  }
}

/**
 * The city a VK author's profile shows (users.get `city`): mostly where the message is from — Novosibirsk for the
 * city's districts, the settlement itself elsewhere —, at times the city for a village matter, and a quarter none
 * (closed or empty profiles). Its own random stream, so the rest of the demo stays as it was.
 */
function profilePlace(r: Random, place: Place): string | undefined {
  if (r.chance(0.25)) return undefined;
  if (place.city || r.chance(0.1)) return 'Новосибирск';
  return place.name.replace(/^(?:р\.\s*п|с|д|п|рп|пгт|г)\.\s*/u, '');
}

export interface DemoOptions {
  now: Date;
  seed?: number;
  /** Decided as the demo shift would have by `now` (the desktop app's embedded demo): see demo-shift.ts. */
  worked?: boolean;
}

export function generateDemoAppeals(count: number, opts: DemoOptions): Appeal[] {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  // Two streams: times depend on the calendar around `now`, content must not, so the same count and seed give
  // the same ids, texts and authors whenever the server starts; only receivedAt moves with the clock.
  const timeRandom = createRandom(seed ^ 0x71de);
  const r = createRandom(seed ^ 0x5eed);
  const now = opts.now.getTime();
  const times = Array.from({ length: count }, () => receivedAt(timeRandom, now)).sort((a, b) => a - b);
  const drafts = times.map((at) => {
    const source = r.weighted(SOURCE_MIX);
    const place = r.pick(r.weighted(PLACES));
    const vars = varsFor(r, place);
    const noise = r.chance(0.06) ? r.weighted<NotAppealKind>([['thanks', 3], ['spam', 2], ['offtopic', 3]]) : null;
    const topic: Topic | null = noise ? null : r.weighted(place.city ? CITY_TOPIC_WEIGHTS : TOPIC_WEIGHTS);
    const text = noise ? composeNotAppealText(r, noise, vars) : composeAppealText(r, topic as Topic, vars);
    return {
      source, text, at,
      channel: pickChannel(r, source, topic?.ministry ?? null, place),
      author: authorFor(r, source),
      place,
      gap: r.int(1, 37),
      attachmentSeed: r.int(1, 2 ** 30),
      intent: (noise ? { reject: noise } : { targetId: routeByRule(topic as Topic, place) }) satisfies ShiftIntent,
    };
  });
  // A stream of its own: the shift's decisions leave every id, text and author as they are without them.
  const shift = createRandom(seed ^ 0x5a1f);

  // Post ids grow with time per network, the way real post numbers do.
  const nextId: Record<Source, number> = { vk: 184_000, ok: 93_000, telegram: 12_400, pos: 2_310_000 };
  const appeals: Appeal[] = drafts.map((d) => {
    nextId[d.source] += d.gap;
    const postId = nextId[d.source];
    const appeal: Appeal = {
      id: `${d.source}-${postId}`,
      source: d.source,
      channel: d.channel,
      author: withProfilePlace(d.author, d.source === 'vk' ? profilePlace(createRandom(d.attachmentSeed ^ 0xc17e), d.place) : undefined),
      text: d.text,
      attachments: attachmentsFor(createRandom(d.attachmentSeed), d.source, postId),
      receivedAt: new Date(d.at).toISOString(),
      status: 'new',
      targetId: null,
      rejectReason: null,
      version: 1,
      routedBy: null,
      routedAt: null,
    };
    return opts.worked ? decideAsTheShift(appeal, d.intent, shift, now) : appeal;
  });
  return appeals.reverse();
}
