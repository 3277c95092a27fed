// ULIDs for outbox mutation ids: 48-bit millisecond time + 80 random bits, Crockford base32, monotonic within a
// process so sorting by id is creation order even for two decisions in the same millisecond.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 16;

let lastTime = -1;
let lastRandom: number[] = [];

function randomDigits(): number[] {
  const bytes = new Uint8Array(RANDOM_CHARS);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b & 31);
}

/** Adds one to the base32 random part; the 80-bit space cannot realistically overflow within one millisecond. */
function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i -= 1) {
    const digit = next[i] ?? 0;
    if (digit < 31) {
      next[i] = digit + 1;
      return next;
    }
    next[i] = 0;
  }
  throw new Error('ULID random part overflowed within one millisecond');
}

function encodeTime(time: number): string {
  let out = '';
  let rest = time;
  for (let i = 0; i < 10; i += 1) {
    out = ALPHABET.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

export function ulid(now: number = Date.now()): string {
  // A clock that steps back must not reorder ids: keep using the last time and keep incrementing.
  if (now <= lastTime) {
    lastRandom = increment(lastRandom);
  } else {
    lastTime = now;
    lastRandom = randomDigits();
  }
  return encodeTime(lastTime) + lastRandom.map((d) => ALPHABET.charAt(d)).join('');
}
