// The demo's simulated public (issue 14 item 8): `npm start`'s embedded server takes new appeals the way a real one
// does, through its connectors. A few demo pages are configured in memory — VK communities, and two Telegram channels
// and two Odnoklassniki groups in about the platforms' share of the traffic — with secrets made for this start, never
// written anywhere. Every few seconds a "citizen" comments under a post or writes a private message: the platform's
// own webhook request (VK Callback API event, Telegram Update, OK MESSAGE_CREATED) POSTed over HTTP to the server's
// connector address with the page's secret, as the platform would send it. Like the platforms, it sometimes delivers
// a request again (a retry) and sometimes an edit. VK author names come from a small stand-in for VK's users.get on
// loopback, so live posts are signed like the generated backlog. Texts are the demo generator's (compose-text.ts).
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectorsConfig, OkGroupConfig, TelegramBotConfig, VkPageConfig } from '../connectors/connectors-config.js';
import { CONNECTORS_PREFIX } from '../connectors/connector-routes.js';
import { channelOf, GOVERNMENT_PAGE, ministryPage, type Page } from './channels.js';
import { composeAppealText, composeNotAppealText, varsFor, type NotAppealKind } from './compose-text.js';
import { randomPerson } from './people.js';
import { PLACES, type Place } from './places.js';
import { createRandom, type Random } from './random.js';
import { TOPICS, type MinistryKey, type Topic } from './topics.js';

export interface LivePublicOptions {
  /** The pause before each post, drawn anew every time between min and max; default 3–8 s. */
  everyMs?: { min: number; max: number };
  /** What is written; default a new seed per start. */
  seed?: number;
  /** Tests only: how the secrets are made (default: random bytes), so a test can look for them on disk. */
  makeSecret?: () => string;
}

export interface LivePublic {
  /** The demo pages as a connectors configuration, held in memory only. */
  config: ConnectorsConfig;
  /** The stand-in VK API (users.get) on loopback the VK connector resolves author names through. */
  vkApiUrl: string;
  /** Starts posting to the server at `serverUrl`; says in one line what is simulated. */
  start(serverUrl: string): void;
  /** Stops posting (a post on its way is waited for) and closes the stand-in VK API; posts counted in one line. */
  close(): Promise<void>;
}

// A post every 15–45 s: live enough to watch arrive within a minute, still ten times a big region's peak. It was
// 3–8 s (~650 an hour, a month's traffic in a working week), which buried the worked demo's few-score waiting
// appeals under the stream within minutes (trial of 5 December).
export const DEFAULT_EVERY_MS = { min: 15_000, max: 45_000 } as const;
const VK_API_VERSION = '5.199';
/** How long one post may take before it is given up (the platforms wait a few seconds, then retry). */
const POST_TIMEOUT_MS = 10_000;
/** Which network the next post is on: VK carries most of the traffic (ПОС is imported from files, not posted). */
const PLATFORM_MIX = [['vk', 85], ['ok', 8], ['telegram', 7]] as const;

/** Whose matters a page's audience writes about. */
interface Audience {
  /** The ministry whose matters are written there; null for the government's and the city hall's pages. */
  ministry: MinistryKey | null;
  /** The city hall's page: city residents only. */
  city: boolean;
}

interface VkCommunity extends Audience { page: VkPageConfig; postId: number; nextCommentId: number }
interface TelegramChannel extends Audience {
  bot: TelegramBotConfig & { secretToken: string };
  username: string;
  channelId: number;
  /** The channel's linked discussion group, where comments under its posts are written. */
  groupChatId: number;
  postId: number;
  /** The automatic forward of the current post in the discussion group: the thread comments go into. */
  forwardId: number;
  nextMessageId: number;
}
interface OkGroup extends Audience { group: OkGroupConfig }

/** One webhook request as the platform makes it; kept so it can be sent again verbatim. */
interface Delivery {
  label: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A post already delivered, and how its author's edit of it is delivered (absent where the platform sends none). */
interface Written { edit?: (addition: string) => Delivery }

const EDITS = ['\n\nUPD: так ничего и не сделали', '\n\nДополню: фото приложу позже', ' (исправила адрес)',
  '\n\nP.S. писали уже в прошлом месяце', ' Ответьте пожалуйста!', '\n\nUPD: сегодня опять то же самое'];
const NOISE: readonly (readonly [NotAppealKind | null, number])[] = [[null, 94], ['thanks', 2], ['spam', 2], ['offtopic', 2]];
const CHANNEL_POSTS = ['Итоги недели: что сделано по обращениям жителей. Вопросы — в комментариях.',
  'Приём граждан в декабре: график и запись. Вопросы — в комментариях.',
  'Отвечаем на вопросы о ремонте дорог и дворов. Пишите в комментариях.'];

const fnv = (text: string): number => {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return h;
};

/** A stable, realistic community id per page slug (VK's are 8–9 digits). */
function vkGroupIdOf(slug: string, taken: Set<number>): number {
  let id = 100_000_000 + (fnv(slug) % 120_000_000);
  while (taken.has(id)) id += 1;
  taken.add(id);
  return id;
}

const defaultSecret = (): string => randomBytes(24).toString('base64url');
const cityHallPage = (): Page | undefined => PLACES.flatMap(([places]) => places).find((p) => p.city)?.page;

function vkCommunities(makeSecret: () => string): VkCommunity[] {
  const cityHall = cityHallPage();
  const pages: [Page, MinistryKey | null, boolean][] = [
    [GOVERNMENT_PAGE, null, false],
    [ministryPage('minzdrav'), 'minzdrav', false],
    [ministryPage('mingkh'), 'mingkh', false],
    [ministryPage('mintrans'), 'mintrans', false],
    [ministryPage('minobr'), 'minobr', false],
    ...(cityHall ? [[cityHall, null, true] as [Page, null, boolean]] : []),
  ];
  const taken = new Set<number>();
  return pages.map(([page, ministry, city], i) => ({
    page: {
      groupId: vkGroupIdOf(page.slug, taken),
      secret: makeSecret(),
      // VK's confirmation strings are 8 hex digits; nobody confirms this server, but the connector needs one.
      confirmation: randomBytes(4).toString('hex'),
      accessToken: `vk1.a.${makeSecret()}`,
      channel: channelOf('vk', page),
    },
    ministry, city,
    postId: 3_300 + i * 517,
    nextCommentId: 4_500 + i * 1_913,
  }));
}

function telegramChannels(makeSecret: () => string): TelegramChannel[] {
  return ([[GOVERNMENT_PAGE, null, 'nso_gov_bot'], [ministryPage('minzdrav'), 'minzdrav', 'nso_minzdrav_bot']] as const)
    .map(([page, ministry, bot]) => {
      const h = fnv(page.slug) % 999_999_999;
      return {
        bot: { bot, secretToken: makeSecret(), mode: 'webhook' as const, channel: channelOf('telegram', page) },
        username: page.slug, channelId: -(1_001_000_000_000 + h), groupChatId: -(1_002_000_000_000 + h),
        ministry, city: false, postId: 400 + (h % 300), forwardId: 2_300 + (h % 700), nextMessageId: 2_301 + (h % 700),
      };
    });
}

function okGroups(makeSecret: () => string): OkGroup[] {
  return ([[GOVERNMENT_PAGE, null], [ministryPage('mingkh'), 'mingkh']] as const).map(([page, ministry]) => {
    const channel = channelOf('ok', page);
    // The group's number is the one in its page address (https://ok.ru/group/5…).
    return { group: { groupId: channel.url.slice(channel.url.lastIndexOf('/') + 1), pathSecret: makeSecret(), channel }, ministry, city: false };
  });
}

/** What a resident of a page's audience writes: a topic of its ministry (any for the government's page). */
function writeText(r: Random, audience: Audience): string {
  const places = audience.city ? PLACES.filter(([list]) => list.some((p) => p.city)) : PLACES;
  const place: Place = r.pick(r.weighted(places));
  const vars = varsFor(r, place);
  const noise = r.weighted(NOISE);
  if (noise) return composeNotAppealText(r, noise, vars);
  const topics = TOPICS.filter((t) => (audience.ministry === null || t.ministry === audience.ministry) && !(place.city && t.ruralOnly));
  const topic: Topic = r.weighted((topics.length > 0 ? topics : TOPICS).map((t) => [t, t.weight] as const));
  return composeAppealText(r, topic, vars);
}

function vkPhotoOf(r: Random, ownerId: number): Record<string, unknown> {
  const hash = Math.floor(r.next() * 2 ** 40).toString(36);
  const host = `https://sun9-${r.int(1, 88)}.userapi.com/impg/${hash}`;
  const [w, h] = r.chance(0.5) ? [1280, 960] : [960, 1280];
  const size = (type: string, scale: number) => {
    const [sw, sh] = [Math.round(w / scale), Math.round(h / scale)];
    return { type, width: sw, height: sh, url: `${host}/${type}.jpg?size=${sw}x${sh}&quality=96&type=album` };
  };
  return {
    type: 'photo',
    photo: {
      album_id: -6, date: Math.floor(Date.now() / 1000), id: r.int(457_000_000, 457_999_999), owner_id: ownerId,
      access_key: hash, has_tags: false, text: '', sizes: [size('s', 17), size('x', 2.12), size('z', 1)],
    },
  };
}

/** Cities as VK profiles show them: most of the oblast's VK users live in Novosibirsk; some show none. */
const PROFILE_CITIES = ['Новосибирск', 'Новосибирск', 'Новосибирск', 'Новосибирск', 'Бердск', 'Искитим', 'Обь', 'Кольцово',
  'Краснообск', 'Линёво', 'Тогучин', 'Барабинск', 'Куйбышев', 'Колывань', 'Черепаново'];
const profileCity = (id: number): string | undefined => {
  const r = createRandom(id ^ 0x5f3759df);
  return r.chance(0.25) ? undefined : r.pick(PROFILE_CITIES);
};

/** The stand-in for VK's users.get: a name (and a profile city) per user id, the same one every time, for the pages' access tokens only. */
async function openVkApi(tokens: ReadonlySet<string>): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) req.destroy();
    });
    req.on('end', () => {
      const fields = new URLSearchParams(body);
      const answer = req.method !== 'POST' || req.url !== '/method/users.get'
        ? { error: { error_code: 3, error_msg: 'Unknown method passed' } }
        : !tokens.has(fields.get('access_token') ?? '')
          ? { error: { error_code: 5, error_msg: 'User authorization failed: invalid access_token (4).' } }
          : {
            response: (fields.get('user_ids') ?? '').split(',').map(Number).filter((id) => Number.isSafeInteger(id) && id > 0)
              .map((id) => {
                const name = randomPerson(createRandom(id)).name;
                const space = name.indexOf(' ');
                const city = fields.get('fields')?.split(',').includes('city') ? profileCity(id) : undefined;
                return { id, first_name: space < 0 ? name : name.slice(0, space), last_name: space < 0 ? '' : name.slice(space + 1),
                  can_access_closed: true, is_closed: false, ...(city ? { city: { id: id % 1000, title: city } } : {}) };
              }),
          };
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return server;
}

/** Prepares the demo pages and the stand-in VK API; nothing is posted until start(). */
export async function openLivePublic(opts: LivePublicOptions & { log: (line: string) => void }): Promise<LivePublic> {
  const { log } = opts;
  const everyMs = opts.everyMs ?? DEFAULT_EVERY_MS;
  if (!(everyMs.min >= 0 && everyMs.max >= everyMs.min)) throw new Error(`demo public: everyMs ${everyMs.min}–${everyMs.max} is not a range`);
  const r = createRandom(opts.seed ?? randomBytes(4).readUInt32LE());
  const makeSecret = opts.makeSecret ?? defaultSecret;
  const vk = vkCommunities(makeSecret);
  const telegram = telegramChannels(makeSecret);
  const ok = okGroups(makeSecret);
  const vkApi = await openVkApi(new Set(vk.map((c) => c.page.accessToken ?? '')));

  const delivered: Delivery[] = [];
  const written: Written[] = [];
  const counts = { new: 0, repeated: 0, edited: 0, failed: 0 };
  let nextVkMessageId = 1_180 + r.int(0, 500);
  let nextUpdateId = 870_000_000 + r.int(0, 99_999);
  let serverUrl = '';
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let stopped = false;
  const nowSeconds = () => Math.floor(Date.now() / 1000);
  const remember = (item: Written): void => {
    written.push(item);
    if (written.length > 200) written.shift();
  };

  const vkEvent = (community: VkCommunity, type: string, object: Record<string, unknown>): Delivery => ({
    label: `vk ${community.page.groupId}`,
    path: `${CONNECTORS_PREFIX}vk/${community.page.groupId}`,
    headers: { 'user-agent': 'VKCallbackAPI (triage-desk demo public)' },
    body: JSON.stringify({
      group_id: community.page.groupId, type, event_id: randomBytes(20).toString('hex'), v: VK_API_VERSION, object,
      secret: community.page.secret,
    }),
  });

  const lastVkComment = new Map<VkCommunity, { id: number; post_id: number; from_id: number }>();

  /** A comment under the community's current post (now and then a reply to an earlier one), or a private message. */
  function vkPost(): Delivery {
    const community = r.pick(vk);
    const fromId = r.int(100_000_000, 899_999_999);
    const text = writeText(r, community);
    const attachments = r.chance(0.15) ? [vkPhotoOf(r, fromId)] : [];
    if (r.chance(0.2)) {
      nextVkMessageId += r.int(1, 40);
      const message = {
        date: nowSeconds(), from_id: fromId, id: nextVkMessageId, out: 0, version: 10_004_211 + nextVkMessageId, attachments,
        conversation_message_id: 1, fwd_messages: [], important: false, is_hidden: false, peer_id: fromId, random_id: 0, text,
      };
      let current = text;
      remember({ edit: (addition) => {
        current += addition;
        return vkEvent(community, 'message_edit', { ...message, text: current, update_time: nowSeconds() });
      } });
      return vkEvent(community, 'message_new', {
        message, client_info: { button_actions: ['text', 'vkpay', 'open_app', 'location', 'open_link', 'callback'],
          keyboard: true, inline_keyboard: true, carousel: true, lang_id: 0 },
      });
    }
    // The community publishes a new post now and then; people comment under the newest one.
    if (r.chance(0.1)) community.postId += r.int(1, 12);
    community.nextCommentId += r.int(1, 9);
    const parent = r.chance(0.15) ? lastVkComment.get(community) : undefined;
    const sameThread = parent !== undefined && parent.post_id === community.postId;
    const comment = {
      id: community.nextCommentId, from_id: fromId, post_id: community.postId, owner_id: -community.page.groupId,
      parents_stack: sameThread ? [parent.id] : [], date: nowSeconds(), text, attachments,
      ...(sameThread ? { reply_to_comment: parent.id, reply_to_user: parent.from_id } : {}),
      likes: { can_like: 1, count: 0, user_likes: 0, can_publish: 1 },
      post_owner_id: -community.page.groupId,
    };
    lastVkComment.set(community, comment);
    let current = text;
    remember({ edit: (addition) => {
      current += addition;
      return vkEvent(community, 'wall_reply_edit', { ...comment, text: current });
    } });
    return vkEvent(community, 'wall_reply_new', comment);
  }

  const telegramUpdate = (channel: TelegramChannel, update: Record<string, unknown>): Delivery => ({
    label: `telegram ${channel.bot.bot}`,
    path: `${CONNECTORS_PREFIX}telegram/${channel.bot.bot}`,
    headers: { 'x-telegram-bot-api-secret-token': channel.bot.secretToken },
    body: JSON.stringify({ update_id: ++nextUpdateId, ...update }),
  });

  /** A comment under the channel's current post, in its discussion group; or a private message to its bot. */
  function telegramPost(): Delivery {
    const channel = r.pick(telegram);
    const person = randomPerson(r).name;
    const space = person.indexOf(' ');
    const userId = r.int(5_000_000_000, 7_999_999_999);
    const names = { first_name: space < 0 ? person : person.slice(0, space), ...(space < 0 ? {} : { last_name: person.slice(space + 1) }) };
    const from = { id: userId, is_bot: false, ...names, language_code: 'ru' };
    const text = writeText(r, channel);
    let message: Record<string, unknown>;
    if (r.chance(0.2)) {
      message = { message_id: r.int(10, 900), from, chat: { id: userId, ...names, type: 'private' }, date: nowSeconds(), text };
    } else {
      if (r.chance(0.1)) {
        channel.postId += 1;
        channel.nextMessageId += 1;
        channel.forwardId = channel.nextMessageId;
      }
      channel.nextMessageId += r.int(1, 4);
      const group = { id: channel.groupChatId, title: `${channel.bot.channel.name} — обсуждение`, type: 'supergroup' };
      const channelChat = { id: channel.channelId, title: channel.bot.channel.name, username: channel.username, type: 'channel' };
      const postDate = nowSeconds() - 600;
      message = {
        message_id: channel.nextMessageId, message_thread_id: channel.forwardId, from, chat: group, date: nowSeconds(),
        reply_to_message: {
          message_id: channel.forwardId, from: { id: 777000, is_bot: false, first_name: 'Telegram' }, sender_chat: channelChat,
          chat: group, date: postDate, is_automatic_forward: true,
          forward_origin: { type: 'channel', chat: channelChat, message_id: channel.postId, date: postDate - 5 },
          text: CHANNEL_POSTS[channel.postId % CHANNEL_POSTS.length],
        },
        text,
      };
    }
    let current = text;
    remember({ edit: (addition) => {
      current += addition;
      return telegramUpdate(channel, { edited_message: { ...message, text: current, edit_date: nowSeconds() } });
    } });
    return telegramUpdate(channel, { message });
  }

  /** A message to the group (OK's Bot API carries group messages; it sends no edits). */
  function okPost(): Delivery {
    const target = r.pick(ok);
    const chat = `C${randomBytes(6).toString('hex')}`;
    const hash = Math.floor(r.next() * 2 ** 40).toString(36);
    const attachments = r.chance(0.15) ? [{ type: 'IMAGE', payload: { url: `https://i.mycdn.me/i?r=${hash}` } }] : [];
    return {
      label: `ok ${target.group.groupId}`,
      path: `${CONNECTORS_PREFIX}ok/${target.group.groupId}/${target.group.pathSecret}`,
      headers: { 'user-agent': 'OK webhook (triage-desk demo public)' },
      body: JSON.stringify({
        webhookType: 'MESSAGE_CREATED',
        sender: { name: randomPerson(r).name, user_id: `user:${r.int(500_000_000_000, 599_999_999_999)}` },
        recipient: { chat_id: `chat:${chat}` },
        message: { text: writeText(r, target), seq: r.int(1, 2 ** 50), mid: `mid:${chat}.${randomBytes(8).toString('hex').slice(0, 15)}`,
          ...(attachments.length > 0 ? { attachments } : {}) },
        timestamp: Date.now(),
      }),
    };
  }

  /** Sends a request; only the platform's exact `ok` counts as taken. */
  async function send(item: Delivery, kind: 'new' | 'repeated' | 'edited'): Promise<void> {
    try {
      const res = await fetch(`${serverUrl}${item.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...item.headers },
        body: item.body,
        signal: AbortSignal.timeout(POST_TIMEOUT_MS),
      });
      const text = await res.text();
      if (res.status !== 200 || text !== 'ok') {
        counts.failed += 1;
        log(`demo public: ${item.label} answered ${res.status} «${text.slice(0, 200)}»`);
        return;
      }
      counts[kind] += 1;
    } catch (err) {
      counts.failed += 1;
      log(`demo public: ${item.label}: ${(err as Error).message}`);
    }
  }

  async function tick(): Promise<void> {
    const roll = r.next();
    // About one request in ten is one the platform sends again (they do when an answer is slow or lost), one in
    // twenty an edit.
    if (roll < 0.1 && delivered.length > 0) {
      await send(r.pick(delivered.slice(-10)), 'repeated');
      return;
    }
    const editable = roll < 0.15 ? written.slice(-20).filter((w) => w.edit !== undefined) : [];
    const edit = editable.length > 0 ? r.pick(editable).edit?.(r.pick(EDITS)) : undefined;
    const platform = r.weighted(PLATFORM_MIX);
    const item = edit ?? (platform === 'vk' ? vkPost() : platform === 'telegram' ? telegramPost() : okPost());
    delivered.push(item);
    if (delivered.length > 50) delivered.shift();
    await send(item, edit ? 'edited' : 'new');
  }

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = tick().finally(() => {
        inFlight = undefined;
        schedule();
      });
    }, everyMs.min + Math.floor(r.next() * (everyMs.max - everyMs.min + 1)));
  };

  return {
    config: {
      file: '(demo public, in memory)', vk: vk.map((c) => c.page), telegram: telegram.map((c) => c.bot), ok: ok.map((g) => g.group),
    },
    vkApiUrl: `http://127.0.0.1:${(vkApi.address() as AddressInfo).port}`,
    start(url) {
      if (serverUrl !== '' || stopped) return;
      serverUrl = url;
      const seconds = (ms: number) => String(Math.round(ms / 100) / 10).replace('.', ',');
      const names = [...new Set([...vk.map((c) => c.page.channel.name), ...telegram.map((c) => c.bot.channel.name),
        ...ok.map((g) => g.group.channel.name)])];
      log(`demo: a simulated public writes to ${vk.length} VK communities, ${telegram.length} Telegram channels and `
        + `${ok.length} OK groups (${names.join(', ')}) every ${seconds(everyMs.min)}–${seconds(everyMs.max)} s, through `
        + `the connectors at ${CONNECTORS_PREFIX}…, with the platforms' retries and edits; secrets made for this start, in memory only`);
      schedule();
    },
    async close() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      // A post on its way is finished (the server is still up): what was taken is counted, nothing is half-sent.
      await inFlight;
      await new Promise<void>((resolve) => {
        vkApi.closeAllConnections();
        vkApi.close(() => resolve());
      });
      if (serverUrl !== '') {
        log(`demo public: stopped after ${counts.new} new posts, ${counts.repeated} repeated and ${counts.edited} edited`
          + (counts.failed > 0 ? `, ${counts.failed} not taken` : ''));
      }
    },
  };
}
