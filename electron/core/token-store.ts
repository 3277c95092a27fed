// Where the session token lives between runs. The Electron shell passes a safeStorage-backed store; the default
// (harness, tests) is a file in the data folder readable only by the user.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TokenStore {
  load(): string | null;
  save(token: string): void;
  clear(): void;
}

export const TOKEN_FILE_NAME = 'session-token';

export function createFileTokenStore(dataDir: string): TokenStore {
  const file = join(dataDir, TOKEN_FILE_NAME);
  return {
    load() {
      try {
        const token = readFileSync(file, 'utf8').trim();
        return token.length > 0 ? token : null;
      } catch {
        return null;
      }
    },
    save(token) {
      writeFileSync(file, token, { encoding: 'utf8', mode: 0o600 });
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}

/** Keeps the token in memory only (tests that must not touch the disk, or a shell without safe storage). */
export function createMemoryTokenStore(initial: string | null = null): TokenStore {
  let token = initial;
  return {
    load: () => token,
    save: (value) => {
      token = value;
    },
    clear: () => {
      token = null;
    },
  };
}
