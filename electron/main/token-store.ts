// The session token at rest: encrypted with the OS keychain via safeStorage into a file in userData.
// Where the OS offers no real keychain, the token lives in memory only, never as plain text on disk.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { safeStorage } from 'electron';
import type { TokenStore } from '../core/token-store.js';

function encryptionUsable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  // On Linux without a keyring Chromium falls back to a fixed key: that is obfuscation, not encryption.
  return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
}

export function createSafeTokenStore(filePath: string, log: (line: string) => void = () => {}): TokenStore {
  let memory: string | null = null;
  return {
    load() {
      if (memory !== null) return memory;
      if (!encryptionUsable()) return null;
      try {
        memory = safeStorage.decryptString(readFileSync(filePath));
        return memory;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`token store: cannot read ${filePath}: ${String(error)}`);
        return null;
      }
    },
    save(token) {
      memory = token;
      if (!encryptionUsable()) {
        log('token store: OS encryption unavailable, the session is kept in memory only');
        return;
      }
      // Write then rename, so a crash never leaves a half-written token behind.
      const temp = `${filePath}.tmp`;
      writeFileSync(temp, safeStorage.encryptString(token), { mode: 0o600 });
      renameSync(temp, filePath);
    },
    clear() {
      memory = null;
      rmSync(filePath, { force: true });
    },
  };
}
