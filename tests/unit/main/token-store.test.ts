// The safeStorage token store with a fake asynchronous safeStorage and in-memory files: the token is kept encrypted
// where the OS has a keychain, in memory only (and the operator told) on Linux's basic_text backend or when the
// keychain refuses, and no failure ever throws into the core (sign-in must not end in `internal`).
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSafeTokenStore, NOT_KEPT_TEXT, type AsyncSafeStorage, type TokenFiles, type TokenNotice,
} from '../../../electron/main/token-store.js';

const FILE = '/home/operator/.config/Triage Desk/session.bin';

function memoryFiles(initial: Record<string, Buffer> = {}): TokenFiles & { data: Map<string, Buffer> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    read: async (file) => data.get(file) ?? null,
    write: async (file, bytes) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      data.set(file, bytes);
    },
    remove: async (file) => {
      data.delete(file);
    },
  };
}

interface FakeOptions { backend?: string; available?: boolean; encryptFails?: string; decryptFails?: string; reEncrypt?: boolean }

function fakeSafeStorage(options: FakeOptions = {}): AsyncSafeStorage & { encrypted: string[] } {
  const encrypted: string[] = [];
  return {
    encrypted,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    encryptStringAsync: async (plain) => {
      if (options.encryptFails) throw new Error(options.encryptFails);
      encrypted.push(plain);
      return Buffer.from(`enc:${plain}`);
    },
    decryptStringAsync: async (buffer) => {
      if (options.decryptFails) throw new Error(options.decryptFails);
      const text = buffer.toString();
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.');
      return { result: text.slice(4), shouldReEncrypt: options.reEncrypt ?? false };
    },
  };
}

function store(options: FakeOptions & { platform?: NodeJS.Platform; files?: ReturnType<typeof memoryFiles> } = {}) {
  const notices: TokenNotice[] = [];
  const logs: string[] = [];
  const files = options.files ?? memoryFiles();
  const safeStorage = fakeSafeStorage(options);
  const tokens = createSafeTokenStore({
    file: FILE, safeStorage, files, platform: options.platform ?? 'linux',
    log: (line) => logs.push(line), notify: (notice) => notices.push(notice),
  });
  return { tokens, notices, logs, files, safeStorage };
}

describe('with an OS keychain', () => {
  it('restores the stored token before the core reads it, and writes a new one encrypted', async () => {
    const files = memoryFiles({ [FILE]: Buffer.from('enc:old-token') });
    const { tokens, notices } = store({ files });
    expect(tokens.load()).toBeNull();
    await tokens.restore();
    expect(tokens.persistence()).toEqual({ kept: true, backend: 'gnome_libsecret' });
    expect(tokens.load()).toBe('old-token');
    tokens.save('new-token');
    expect(tokens.load()).toBe('new-token');
    await tokens.flush();
    expect(files.data.get(FILE)?.toString()).toBe('enc:new-token');
    expect(notices).toEqual([]);
  });

  it('ends on disk in the state of the last save or clear, whatever the timing of the writes', async () => {
    const { tokens, files, safeStorage } = store();
    await tokens.restore();
    tokens.save('a');
    tokens.save('b');
    tokens.clear();
    tokens.save('c');
    await tokens.flush();
    expect(files.data.get(FILE)?.toString()).toBe('enc:c');
    tokens.clear();
    await tokens.flush();
    expect(files.data.has(FILE)).toBe(false);
    expect(safeStorage.encrypted).not.toContain('a'); // superseded before its turn
  });

  it('uses DPAPI / Keychain without asking for a Linux backend on Windows and macOS', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const { tokens } = store({ platform, backend: 'basic_text' });
      await tokens.restore();
      expect(tokens.persistence()).toMatchObject({ kept: true });
    }
  });

  it('re-encrypts a token whose key was rotated', async () => {
    const files = memoryFiles({ [FILE]: Buffer.from('enc:t') });
    const { tokens, safeStorage } = store({ files, reEncrypt: true });
    await tokens.restore();
    await tokens.flush();
    expect(safeStorage.encrypted).toEqual(['t']);
  });
});

describe('without a usable keychain', () => {
  it('on basic_text keeps the token in memory, writes nothing and tells the operator after sign-in', async () => {
    const files = memoryFiles();
    const { tokens, notices, safeStorage } = store({ backend: 'basic_text', files });
    await tokens.restore();
    expect(tokens.persistence()).toMatchObject({ kept: false, why: 'basic_text' });
    expect(() => tokens.save('token')).not.toThrow();
    expect(tokens.load()).toBe('token');
    expect(notices).toEqual([]); // not from inside the core's call
    await tokens.flush();
    expect(notices).toEqual([{ kind: 'not-kept', text: NOT_KEPT_TEXT }]);
    expect(NOT_KEPT_TEXT).toMatch(/не сохранится после перезапуска/);
    expect(safeStorage.encrypted).toEqual([]);
    expect(files.data.size).toBe(0);
  });

  it('does not read an old file on basic_text, but a sign-out still deletes it', async () => {
    const files = memoryFiles({ [FILE]: Buffer.from('enc:from-a-keyring-day') });
    const { tokens } = store({ backend: 'basic_text', files });
    await tokens.restore();
    expect(tokens.load()).toBeNull();
    tokens.clear();
    await tokens.flush();
    expect(files.data.has(FILE)).toBe(false);
  });

  it('keeps the session in memory when async encryption is unavailable', async () => {
    const { tokens, notices } = store({ available: false });
    await tokens.restore();
    expect(tokens.persistence()).toMatchObject({ kept: false, why: 'unavailable' });
    tokens.save('token');
    await tokens.flush();
    expect(notices.map((n) => n.kind)).toEqual(['not-kept']);
  });

  it('survives a safeStorage that throws while finding out', async () => {
    const files = memoryFiles();
    const safeStorage = fakeSafeStorage();
    safeStorage.isAsyncEncryptionAvailable = () => Promise.reject(new Error('dbus gone'));
    const tokens = createSafeTokenStore({ file: FILE, safeStorage, files, platform: 'linux' });
    await tokens.restore();
    expect(tokens.persistence()).toEqual({ kept: false, why: 'failed', detail: 'dbus gone' });
  });
});

describe('keychain failures are caught and shown', () => {
  it('a keychain that never answers does not hold the core back: memory only for this run', async () => {
    const safeStorage = fakeSafeStorage();
    safeStorage.isAsyncEncryptionAvailable = () => new Promise(() => {});
    const tokens = createSafeTokenStore({ file: FILE, safeStorage, files: memoryFiles(), platform: 'linux', keychainWaitMs: 20 });
    await tokens.restore();
    expect(tokens.persistence()).toEqual({ kept: false, why: 'failed', detail: 'the OS keychain did not answer within 0 s' });
  });

  it('a refused encryption keeps the sign-in for this run and says so; save never throws', async () => {
    const { tokens, notices, files } = store({ encryptFails: 'Error while encrypting the text provided to safeStorage.encryptStringAsync.' });
    await tokens.restore();
    expect(() => tokens.save('token')).not.toThrow();
    await tokens.flush();
    expect(tokens.load()).toBe('token');
    expect(files.data.size).toBe(0);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.kind).toBe('save-failed');
    expect(notices[0]?.text).toMatch(/^Не удалось сохранить вход в хранилище ключей ОС \(Error while encrypting/);
  });

  it('a file the keychain cannot decrypt means signing in again, with a notice', async () => {
    const files = memoryFiles({ [FILE]: Buffer.from('garbage') });
    const { tokens, notices } = store({ files });
    await tokens.restore();
    expect(tokens.load()).toBeNull();
    expect(notices.map((n) => n.kind)).toEqual(['load-failed']);
  });

  it('a failing disk write is reported, not thrown', async () => {
    const files = memoryFiles();
    files.write = () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
    const { tokens, notices } = store({ files });
    await tokens.restore();
    tokens.save('token');
    await tokens.flush();
    expect(notices.map((n) => n.kind)).toEqual(['save-failed']);
    // In Russian like every file write, the code kept for IT; the sign-in itself holds for this run.
    expect(notices[0]?.text).toBe('Вход не сохранится после перезапуска программы: войдите тогда снова. '
      + `Файл «${basename(FILE)}» не записан: нет прав на запись в папку (EACCES). Папка: ${dirname(FILE)}`);
    expect(tokens.load()).toBe('token');
  });

  it('a sign-in during restore wins over what was on disk', async () => {
    const files = memoryFiles({ [FILE]: Buffer.from('enc:old') });
    const { tokens } = store({ files });
    const restoring = tokens.restore();
    tokens.save('fresh');
    await restoring;
    await tokens.flush();
    expect(tokens.load()).toBe('fresh');
  });
});
