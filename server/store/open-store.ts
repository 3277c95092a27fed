// Which engine holds the central API's data: a SQLite folder (the embedded default) or a PostgreSQL database.
import type { CentralStore } from './central-store.js';
import { openPostgresStore } from './postgres-store.js';
import { openSqliteStore } from './sqlite-store.js';

export type StoreLocation =
  | { engine: 'sqlite'; dataDir: string }
  | { engine: 'postgres'; url: string; poolSize?: number };

export async function openCentralStore(location: StoreLocation, log?: (line: string) => void): Promise<CentralStore> {
  return location.engine === 'sqlite'
    ? openSqliteStore(location.dataDir)
    : openPostgresStore(location.url, {
      ...(location.poolSize !== undefined ? { poolSize: location.poolSize } : {}),
      ...(log !== undefined ? { log } : {}),
    });
}
