// How the server's command-line tools for IT (add-user, import-pos) end when they cannot go on, and the store option
// both take. The exit codes are their documented contract (and what their tests check): 2 for bad arguments, the
// message followed by the usage; 1 for a refusal (understood, but cannot be done: a taken login, an unreadable file,
// a store that does not open), the message alone.
import { StoreError, type CentralStore } from './store/central-store.js';
import { openCentralStore, type StoreLocation } from './store/open-store.js';

/**
 * `--help` or `-h` anywhere among the arguments: the usage on stdout, exit 0 — before the arguments are parsed, so it
 * answers whatever else is given (an IT trial of 6 December got «Unknown option '--help'» and exit 2 from three tools).
 */
export function helpIfAsked(usage: string): void {
  if (!process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) return;
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

/** Bad arguments: the message, then the usage; exit 2. */
export function fail(usage: string, message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

/** Refused: the message alone; exit 1. */
export function refuse(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** `--data DIR` or `--database URL` (the URL may come from TRIAGE_DESK_DATABASE_URL), exactly one of them. */
export function storeLocation(values: { data?: string | undefined; database?: string | undefined }, usage: string): StoreLocation {
  const url = values.database ?? (process.env.TRIAGE_DESK_DATABASE_URL || undefined);
  if (values.data && url) fail(usage, 'give either --data or --database, not both');
  if (!values.data && !url) fail(usage, '--data <dir> or --database <postgres://…> is required');
  return url ? { engine: 'postgres', url } : { engine: 'sqlite', dataDir: values.data ?? '' };
}

/** The store, or a refusal that says why it does not open. */
export function openStoreOrRefuse(location: StoreLocation): Promise<CentralStore> {
  return openCentralStore(location).catch((err: unknown) =>
    refuse(`cannot open the store: ${err instanceof StoreError ? err.message : String(err)}`));
}
