// Every migration in order; the schema version only grows. Add a numbered file and append it here.
import type { Migration } from './migration.js';
import { migration001 } from './001-initial.js';

export const MIGRATIONS: readonly Migration[] = [migration001];
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
