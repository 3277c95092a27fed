// The session token at rest: encrypted with the OS keychain through safeStorage's asynchronous API (the synchronous
// one is deprecated in Electron 45) into a file in userData. The core's TokenStore is synchronous, so the token lives
// in memory and the disk follows behind: `restore()` decrypts it once before the core starts, `save`/`clear` queue
// the encrypted write or the delete in order. Where the OS offers no real keychain (Linux `basic_text`) or the keychain
// fails, the token stays in memory only, never as plain text, and the operator is told the sign-in will not survive a
// restart. No failure here ever reaches the core as an exception (sign-in must not fail with `internal`).
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { fileErrorCode, fileWriteFailureText } from '../../shared/node/file-write-failure.js';
import type { TokenStore } from '../core/token-store.js';

/** The asynchronous part of Electron's safeStorage this store uses (a fake one in unit tests). */
export interface AsyncSafeStorage {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: 'basic_text' means a hard-coded key, obfuscation rather than encryption. */
  getSelectedStorageBackend(): string;
}

export interface TokenFiles {
  /** The file's bytes, or null when it does not exist. */
  read(file: string): Promise<Buffer | null>;
  /** Replaces the file atomically (write, then rename), readable by the user only. */
  write(file: string, data: Buffer): Promise<void>;
  remove(file: string): Promise<void>;
}

export const diskTokenFiles: TokenFiles = {
  async read(file) {
    try {
      return await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  },
  async write(file, data) {
    const temp = `${file}.tmp`;
    await writeFile(temp, data, { mode: 0o600 });
    await rename(temp, file);
  },
  async remove(file) {
    await rm(file, { force: true });
  },
};

/** Where the token is kept between runs, as found at start-up. */
export type TokenPersistence =
  | { kept: true; backend: string }
  | { kept: false; why: 'basic_text' | 'unavailable' | 'failed'; detail: string };

/** Something the operator must know about their sign-in; `text` is the Russian line shown to them. */
export interface TokenNotice {
  kind: 'not-kept' | 'save-failed' | 'load-failed';
  text: string;
}

export const NOT_KEPT_TEXT = 'Вход не сохранится после перезапуска программы: на этом компьютере нет хранилища ключей ' +
  'ОС, поэтому при следующем запуске нужно будет войти снова. Администратору: параметр passwordStore в политике ' +
  '(docs/IT.md, «Keyring on Linux»).';

export function saveFailedText(detail: string): string {
  return `Не удалось сохранить вход в хранилище ключей ОС (${detail}). Вход действует до закрытия программы; ` +
    'после перезапуска нужно будет войти снова.';
}

/** The keychain did its part but the file was refused: why, in the words of every file write (file-write-failure.ts). */
export function fileSaveFailedText(error: unknown, file: string): string {
  return `Вход не сохранится после перезапуска программы: войдите тогда снова. ${fileWriteFailureText(error, basename(file), dirname(file))}`;
}

export function loadFailedText(detail: string): string {
  return `Сохранённый вход не удалось прочитать из хранилища ключей ОС (${detail}); войдите снова.`;
}

export interface SafeTokenStore extends TokenStore {
  /** Reads and decrypts the stored token into memory; call once after app ready, before the core starts. */
  restore(): Promise<void>;
  /** Known after restore(): whether a sign-in survives a restart on this machine. */
  persistence(): TokenPersistence;
  /** Resolves when every queued write or delete is done (before quitting). */
  flush(): Promise<void>;
}

export interface SafeTokenStoreOptions {
  file: string;
  safeStorage: AsyncSafeStorage;
  platform?: NodeJS.Platform;
  files?: TokenFiles;
  log?: (line: string) => void;
  /** Called for each notice; main.ts shows it to the operator. Never called from inside a core call's stack. */
  notify?: (notice: TokenNotice) => void;
  /**
   * How long start-up waits for the keychain (a locked keyring may be asking for its password; a broken D-Bus may
   * never answer). Past it the session is kept in memory for this run and the core starts anyway. Default 60 s.
   */
  keychainWaitMs?: number;
}

/** The promise's value, or a rejection saying the keychain did not answer in time. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the OS keychain did not answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 200);
}

export function createSafeTokenStore(options: SafeTokenStoreOptions): SafeTokenStore {
  const { file, safeStorage } = options;
  const platform = options.platform ?? process.platform;
  const files = options.files ?? diskTokenFiles;
  const log = options.log ?? (() => {});
  const notify = options.notify ?? (() => {});
  const keychainWaitMs = options.keychainWaitMs ?? 60_000;
  let memory: string | null = null;
  let persistence: TokenPersistence = { kept: false, why: 'unavailable', detail: 'not restored yet' };
  // Writes and deletes run one after another, so the disk ends in the state of the last save/clear.
  let queue: Promise<void> = Promise.resolve();
  let generation = 0;

  const enqueue = (task: () => Promise<void>): void => {
    queue = queue.then(task).catch((error: unknown) => log(`token store: ${message(error)}`));
  };

  async function persist(token: string, forGeneration: number): Promise<void> {
    if (forGeneration !== generation) return; // a later save or clear supersedes this one
    if (!persistence.kept) {
      log('token store: signed in; the session is kept in memory only and ends with the program');
      notify({ kind: 'not-kept', text: NOT_KEPT_TEXT });
      return;
    }
    try {
      const encrypted = await safeStorage.encryptStringAsync(token);
      if (forGeneration !== generation) return;
      await files.write(file, encrypted);
    } catch (error) {
      const detail = message(error);
      log(`token store: cannot keep the session in ${file}: ${detail}`);
      // The file system's refusals (codes EACCES, ENOSPC…) in Russian; the keychain's own errors have no such words.
      notify({ kind: 'save-failed', text: fileErrorCode(error) !== undefined ? fileSaveFailedText(error, file) : saveFailedText(detail) });
    }
  }

  async function findPersistence(): Promise<TokenPersistence> {
    if (platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text') {
        return { kept: false, why: 'basic_text', detail: 'Linux keyring backend basic_text (no secret service selected)' };
      }
      const available = await safeStorage.isAsyncEncryptionAvailable();
      return available ? { kept: true, backend } : { kept: false, why: 'unavailable', detail: `keyring ${backend} unavailable` };
    }
    const available = await safeStorage.isAsyncEncryptionAvailable();
    return available ? { kept: true, backend: platform === 'win32' ? 'dpapi' : 'keychain' }
      : { kept: false, why: 'unavailable', detail: 'OS encryption unavailable' };
  }

  async function restoreFromDisk(): Promise<void> {
    try {
      persistence = await within(findPersistence(), keychainWaitMs);
    } catch (error) {
      persistence = { kept: false, why: 'failed', detail: message(error) };
    }
    if (!persistence.kept) {
      log(`token store: the session is kept in memory only (${persistence.detail})`);
      return;
    }
    log(`token store: the session is kept encrypted (${persistence.backend})`);
    let stored: Buffer | null;
    try {
      stored = await files.read(file);
    } catch (error) {
      log(`token store: cannot read ${file}: ${message(error)}`);
      notify({ kind: 'load-failed', text: loadFailedText(message(error)) });
      return;
    }
    if (stored === null || stored.length === 0) return;
    try {
      const { result, shouldReEncrypt } = await within(safeStorage.decryptStringAsync(stored), keychainWaitMs);
      // A sign-in or sign-out that happened meanwhile wins over what was on disk.
      if (generation !== 0 || result === '') return;
      memory = result;
      // The key was rotated or a better one is available: store it again under the new key.
      if (shouldReEncrypt) enqueue(() => persist(result, generation));
    } catch (error) {
      log(`token store: cannot decrypt ${file}: ${message(error)}`);
      notify({ kind: 'load-failed', text: loadFailedText(message(error)) });
    }
  }

  return {
    restore() {
      // First in the queue: a save or clear that comes early waits for it, then decides where the token goes.
      enqueue(restoreFromDisk);
      return queue;
    },
    persistence: () => persistence,
    load: () => memory,
    save(token) {
      memory = token;
      generation += 1;
      const forGeneration = generation;
      // Encrypted and written (or, without a keychain, the operator told) from the queue, after the core's call.
      enqueue(() => persist(token, forGeneration));
    },
    clear() {
      memory = null;
      generation += 1;
      // Also when nothing is kept now: a file from an earlier run with a keyring must not outlive a sign-out.
      enqueue(() => files.remove(file));
    },
    flush: () => queue,
  };
}
