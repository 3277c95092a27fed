// Passwords (scrypt with a random salt) and bearer sessions (random 32-byte tokens, stored as SHA-256 hashes) that
// expire a fixed time after sign-in (default 12 h: one ЦУР shift) and can be revoked with DELETE /session.
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import type { User } from '../shared/domain/user.js';
import type { CentralStore } from './store/central-store.js';

const KEY_LENGTH = 32;

/** scrypt's parameters; a stored hash names its own, so it verifies whatever the cost of the day. */
export interface PasswordCost { readonly N: number; readonly r: number; readonly p: number }

/** The cost of people's passwords: N=2^14, r=8, p=1 (~70 ms of one core per hash or check). */
export const PASSWORD_COST: PasswordCost = { N: 16384, r: 8, p: 1 };

const encode = (cost: PasswordCost, salt: Buffer, hash: Buffer) =>
  `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('hex')}$${hash.toString('hex')}`;

/** `scrypt$N$r$p$salt$hash` (hex), so the cost can be raised later without breaking stored hashes. */
export function hashPassword(password: string, cost: PasswordCost = PASSWORD_COST): string {
  const salt = randomBytes(16);
  return encode(cost, salt, scryptSync(password, salt, KEY_LENGTH, { ...cost, maxmem: scryptMaxmem(cost) }));
}

/** The same, off the main thread (libuv pool), so several hashes run in parallel. */
export async function hashPasswordAsync(password: string, cost: PasswordCost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  return encode(cost, salt, await scryptAsync(password, salt, KEY_LENGTH, cost));
}

const scryptMaxmem = (cost: PasswordCost): number => 128 * cost.N * cost.r * 2;

function scryptAsync(password: string, salt: Buffer, keyLength: number, cost: PasswordCost) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password, salt, keyLength, { ...cost, maxmem: scryptMaxmem(cost) }, (err, key) =>
      err ? reject(err) : resolve(key));
  });
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = await scryptAsync(password, Buffer.from(saltHex, 'hex'), expected.length,
    { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const publicHashes = new Map<string, Promise<string>>();
/**
 * The hash of a password everyone knows — the demo accounts' (password = login), the dummy below — made once per
 * process and cost: every demo or test server start hashed the same ones again (~0.8 s of CPU a start, most of the
 * CPU the server tests spent). Each store still gets salted scrypt hashes; the servers of one process share their
 * salts, which for these hides nothing. Never for a person's password.
 */
export function publicPasswordHash(password: string, cost: PasswordCost = PASSWORD_COST): Promise<string> {
  const key = `${cost.N}$${cost.r}$${cost.p}$${password}`;
  let hash = publicHashes.get(key);
  if (hash === undefined) {
    hash = hashPasswordAsync(password, cost).catch((err: unknown) => {
      publicHashes.delete(key);
      throw err;
    });
    publicHashes.set(key, hash);
  }
  return hash;
}

// Checked against when the login is unknown, so a wrong login costs the same time as a wrong password: of the
// server's cost, made when its auth is created (not at import: every process importing the server paid for it).
const dummyHash = (cost: PasswordCost): Promise<string> => publicPasswordHash('no-such-user', cost);

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A session lives this long from sign-in, however active: fixed, so a stolen token has a bounded life. */
export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60_000;

const BEARER = /^Bearer ([0-9a-f]{64})$/i;

function tokenHashFromHeader(header: string | undefined): string | null {
  const match = BEARER.exec(header?.trim() ?? '');
  return match?.[1] ? tokenHash(match[1].toLowerCase()) : null;
}

/**
 * The key of the session behind an `Authorization: Bearer` header (the SHA-256 of its token, as the sessions table
 * keeps it), or null for a malformed header. In-memory state per session (holds, live connections) is keyed by it,
 * so the raw token is never kept or logged.
 */
export function sessionKeyFromHeader(header: string | undefined): string | null {
  return tokenHashFromHeader(header);
}

/**
 * `passwordCost`: the cost of the passwords this server hashes itself (PASSWORD_COST unless a test lowers it, see
 * StartServerOptions.passwordCost): an unknown login is checked against a dummy of that cost, as long as a real one.
 */
export function createAuth(store: CentralStore,
  options: { sessionTtlMs?: number; now?: () => number; passwordCost?: PasswordCost } = {}) {
  const ttlMs = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  const passwordCost = options.passwordCost ?? PASSWORD_COST;
  // Made now, off the main thread, so the first unknown login does not wait for it (and take longer than the next).
  void dummyHash(passwordCost);
  const now = options.now ?? Date.now;
  // created_at is always toISOString() (fixed width, UTC), so string order is time order.
  const oldestValid = (): string => new Date(now() - ttlMs).toISOString();
  return {
    /** A new session for valid credentials, or null; never says which of the two was wrong. */
    async signIn(login: string, password: string): Promise<{ token: string; user: User } | null> {
      const stored = await store.userByLogin(login);
      const ok = await verifyPassword(password, stored?.passwordHash ?? await dummyHash(passwordCost));
      if (!stored || !ok) return null;
      const token = randomBytes(32).toString('hex');
      // Expired rows are useless; dropping them here keeps the table from growing without a timer.
      await store.deleteSessionsBefore(oldestValid());
      await store.insertSession(tokenHash(token), stored.id, new Date(now()).toISOString());
      return { token, user: { id: stored.id, name: stored.name, role: stored.role } };
    },

    /** The user behind an `Authorization: Bearer <token>` header, or null for a missing, unknown or expired token. */
    async userFromHeader(header: string | undefined): Promise<User | null> {
      const hash = tokenHashFromHeader(header);
      return hash === null ? null : ((await store.userBySession(hash, oldestValid())) ?? null);
    },

    /** The user of a still valid session by its key (sessionKeyFromHeader), or null once it expired or was revoked. */
    async userFromSessionKey(sessionKey: string): Promise<User | null> {
      return (await store.userBySession(sessionKey, oldestValid())) ?? null;
    },

    /** Revokes the session of that header (idempotent: an unknown token is already gone). */
    async signOut(header: string | undefined): Promise<void> {
      const hash = tokenHashFromHeader(header);
      if (hash !== null) await store.deleteSession(hash);
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
