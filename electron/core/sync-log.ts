// The sync log: what the engine did and what went wrong (errors, retries, pushes, pulls, queue length), kept as
// JSON lines in a size-capped file pair in the data folder. Entries carry counts, codes and ids — never citizen text.
import { appendFileSync, existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncLogEntry } from '../../shared/desk-api/contract.js';

export const SYNC_LOG_FILE = 'sync-log.jsonl';
/** One file is rotated to `.1` past this size: two files at most, ~1 MB of history on disk. */
export const SYNC_LOG_MAX_BYTES = 512 * 1024;
const MEMORY_ENTRIES = 500;

export type SyncLogLevel = SyncLogEntry['level'];

export class SyncLog {
  private readonly file: string;
  private readonly maxBytes: number;
  private readonly recent: SyncLogEntry[] = [];
  private size = 0;

  constructor(dataDir: string, maxBytes = SYNC_LOG_MAX_BYTES) {
    this.file = join(dataDir, SYNC_LOG_FILE);
    this.maxBytes = maxBytes;
    // Reopening the app shows the tail of the previous session's log too.
    for (const path of [`${this.file}.1`, this.file]) this.recent.push(...readEntries(path));
    this.recent.splice(0, Math.max(0, this.recent.length - MEMORY_ENTRIES));
    this.size = existsSync(this.file) ? statSync(this.file).size : 0;
  }

  write(level: SyncLogLevel, event: string, message: string, queue: number): void {
    const entry: SyncLogEntry = { at: new Date().toISOString(), level, event, message: message.slice(0, 300), queue };
    this.recent.push(entry);
    if (this.recent.length > MEMORY_ENTRIES) this.recent.shift();
    const line = JSON.stringify(entry) + '\n';
    try {
      if (this.size + line.length > this.maxBytes && this.size > 0) {
        renameSync(this.file, `${this.file}.1`);
        this.size = 0;
      }
      appendFileSync(this.file, line);
      this.size += Buffer.byteLength(line);
    } catch {
      // A full disk or a locked file must not stop the sync: the in-memory tail still shows in the UI.
    }
  }

  /** Newest first. */
  tail(limit: number): SyncLogEntry[] {
    return this.recent.slice(-limit).reverse();
  }

  get path(): string {
    return this.file;
  }
}

function readEntries(path: string): SyncLogEntry[] {
  if (!existsSync(path)) return [];
  const entries: SyncLogEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value = JSON.parse(line) as SyncLogEntry;
      if (typeof value.at === 'string' && typeof value.event === 'string') entries.push(value);
    } catch {
      // A line cut by a crash mid-write is skipped.
    }
  }
  return entries;
}
