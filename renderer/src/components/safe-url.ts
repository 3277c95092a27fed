// Which citizen-supplied URLs may become links, and how a URL is shown: https only become links (the shell decides
// what it actually opens); everything else — javascript:, data:, file:, http:, garbage — is shown as plain text.
// A URL is shown by its domain («vk.com»), never by its `user:pass@` part (a phishing trick: https://vk.com@evil.ru
// goes to evil.ru), with the full address (credentials removed) for the tooltip.

/** The normalised https URL, or null when the text must stay text. */
export function httpsUrl(raw: string | undefined): string | null {
  const url = parseUrl(raw);
  if (url === null || url.protocol !== 'https:' || url.hostname === '' || url.username !== '' || url.password !== '') {
    return null;
  }
  return url.href;
}

function parseUrl(raw: string | undefined): URL | null {
  if (raw === undefined || raw.trim() === '') return null;
  try {
    return new URL(raw.trim());
  } catch {
    return null;
  }
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A short label for a URL: its domain without «www.» («vk.com», «youtube.com»). Internationalised domains are shown
 * decoded only when the whole name is Cyrillic under a Cyrillic top-level domain («сайт.рф»); anything else stays in
 * its ASCII form («xn--…»), so a look-alike such as Cyrillic «аррle.com» cannot pass for a Latin name. Text that is
 * not a URL with a host (javascript:…, garbage) is shown trimmed, as text.
 */
export function urlLabel(raw: string, max = 60): string {
  const url = parseUrl(raw);
  if (url === null || url.hostname === '') return shorten(raw.trim(), max);
  return shorten(readableHost(url.hostname).replace(/^www\./, ''), max);
}

/** The whole address for a tooltip, without any `user:pass@` part; non-URLs as the trimmed text. */
export function urlTitle(raw: string, max = 500): string {
  const url = parseUrl(raw);
  if (url === null) return shorten(raw.trim(), max);
  url.username = '';
  url.password = '';
  return shorten(url.href, max);
}

const CYRILLIC_LABEL = /^[а-яё0-9-]+$/u;

/** The host with its xn-- labels decoded when every one of them is plain Cyrillic and so is the top-level domain. */
export function readableHost(hostname: string): string {
  const labels = hostname.toLowerCase().split('.');
  if (!labels.some((l) => l.startsWith('xn--'))) return labels.join('.');
  const decoded = labels.map((l) => (l.startsWith('xn--') ? decodePunycode(l.slice(4)) : l));
  const tld = decoded[decoded.length - 1];
  const allCyrillic = decoded.every((l, i) => l !== null && (!labels[i]?.startsWith('xn--') || CYRILLIC_LABEL.test(l)));
  if (!allCyrillic || tld === undefined || tld === null || !CYRILLIC_LABEL.test(tld) || /^[0-9-]+$/.test(tld)) {
    return labels.join('.');
  }
  return decoded.join('.');
}

// RFC 3492 (Punycode) decoding of one label without its «xn--» prefix; null when it is not valid Punycode.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitOf(code: number): number {
  if (code >= 48 && code <= 57) return code - 22; // 0–9 → 26–35
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 97;
  return -1;
}

export function decodePunycode(input: string): string | null {
  const out: number[] = [];
  const delimiter = input.lastIndexOf('-');
  for (let j = 0; j < delimiter; j++) {
    const code = input.charCodeAt(j);
    if (code >= 0x80) return null;
    out.push(code);
  }
  let n = 128;
  let bias = 72;
  let i = 0;
  for (let at = delimiter >= 0 ? delimiter + 1 : 0; at < input.length;) {
    const before = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (at >= input.length) return null;
      const digit = digitOf(input.charCodeAt(at++));
      if (digit < 0) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (i > 0x7fffffff || w > 0x7fffffff) return null;
    }
    bias = adapt(i - before, out.length + 1, before === 0);
    n += Math.floor(i / (out.length + 1));
    i %= out.length + 1;
    if (n > 0x10ffff) return null;
    out.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...out);
}
