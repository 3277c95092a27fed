// The connectors-file tests' own files (connectors-, ok-, telegram-config.test.ts): a connectors file written to a
// fresh folder, removed after each test, and the one line a refused file is reported with.
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { loadConnectorsConfig } from '../../../../server/connectors/connectors-config.js';
import { tempDir } from '../server-fixture.js';

/** Call once at a test file's top level: every file it writes is removed after each test. */
export function useConnectorsFiles(): {
  /** A fresh folder, removed after the test. */
  folder(): string;
  /** `content` as the connectors file (JSON, or a string as it is), with `mode` (owner-only unless told). */
  writeConfig(content: unknown, mode?: number): string;
  /** The message the file is refused with, as a Linux server would read it; fails the test when it loads. */
  errorOf(file: string, env?: NodeJS.ProcessEnv): string;
} {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const folder = (): string => {
    const dir = tempDir();
    dirs.push(dir);
    return dir;
  };
  return {
    folder,
    writeConfig(content, mode = 0o600) {
      const file = join(folder(), 'connectors.json');
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
      chmodSync(file, mode);
      return file;
    },
    errorOf(file, env = {}) {
      try {
        loadConnectorsConfig(file, { env, platform: 'linux' });
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error('expected the connectors file to be refused');
    },
  };
}
