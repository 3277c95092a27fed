// The one store interface the central API is written against, whatever the engine behind it: SQLite (one file, the
// embedded default for the demo, a pilot and the tests) or PostgreSQL (production, several API instances at once).
// Every method is async because PostgreSQL is; every write that must be atomic is one method, so no engine-specific
// transaction handle ever leaks into the routes.
//
// The change sequence (`seq`): every insert or update of an appeal takes the next value of one counter, inside the
// same transaction that writes the appeal, and that counter is the first thing each writing transaction locks.
// Writers are therefore serialised and commit in sequence order, so a reader that has seen change N has also seen
// every change below N: a `/changes` cursor never passes a change that was still uncommitted (Replicache's "global
// version"). Both engines keep that promise; tests/node/server/change-feed-order.test.ts proves it on PostgreSQL.
import type { MutationResult } from '../../shared/central-api/contract.js';
import type { Appeal } from '../../shared/domain/appeal.js';
import type { Target } from '../../shared/domain/target.js';
import type { Role, User } from '../../shared/domain/user.js';

export type StoreEngine = 'sqlite' | 'postgres';

export interface StoredUser extends User {
  login: string;
  passwordHash: string;
}

export interface NewUser {
  id: string;
  login: string;
  name: string;
  role: Role;
  passwordHash: string;
}

export interface AppealRow {
  appeal: Appeal;
  seq: number;
  /** The stored JSON text `appeal` was parsed from (changesAfter): a /changes page is sent as these bytes. */
  json?: string;
}

/** What a mutation is decided on, read inside its transaction. */
export interface MutationState {
  /** The mutation id was applied before: with what (fingerprint null before SQLite schema 2) and its appeal now. */
  seen: { appealId: string; fingerprint: string | null; appeal: Appeal | undefined } | undefined;
  /** The appeal the mutation names, as stored now (undefined when unknown or when `seen`). */
  current: Appeal | undefined;
  /** Whether the mutation's routing target exists (true for rejections). */
  targetExists: boolean;
}

/** The pure decision about a mutation: its result, and the write to make when it applies. */
export interface MutationPlan {
  result: MutationResult;
  write?: { appeal: Appeal; userId: string; appliedAt: string; fingerprint: string };
}

export interface MutationKey {
  mutationId: string;
  appealId: string;
  /** The routing target to check, or null for a rejection. */
  targetId: string | null;
}

/**
 * One event a platform connector received (server/connectors/): recorded once by its key, in the same transaction as
 * what it did to its appeal, so a platform's retry of the event changes nothing (idempotent on the event id), and the
 * appeal's id is the platform's own stable id of the post (one post = one appeal, whatever the event ids).
 */
export interface ConnectorEvent {
  /** Unique per platform event, e.g. `vk:{groupId}:{event_id}`. */
  key: string;
  /** The appeal the event is about (its platform id, e.g. `vk:{group}:wall:{post}:{comment}`). */
  appealId: string;
  /** The platform's event type (`wall_reply_new`, …), kept with the record. */
  type: string;
  receivedAt: string;
}

/** What a connector event does to its appeal, decided (pure, synchronous) on the appeal as stored inside the transaction. */
export type ConnectorEventPlan =
  | { kind: 'insert'; appeal: Appeal }
  | { kind: 'update'; appeal: Appeal }
  /** Nothing to write (a known post, an unchanged edit, a repeated deletion): only the event is recorded. */
  | { kind: 'record'; outcome: string };

export interface ConnectorEventResult {
  /** `duplicate_event`: this event key was recorded before; nothing was done. Otherwise the plan's kind or outcome. */
  outcome: string;
  /** The change sequence head after the event (desks are told to pull when something was written). */
  head: number;
  written: boolean;
}

export class StoreError extends Error {
  constructor(
    readonly code: 'future_schema' | 'unreachable' | 'bad_database_url',
    message: string,
  ) {
    super(message);
  }
}

export interface CentralStore {
  readonly engine: StoreEngine;
  /** True when opening created the schema (a fresh database): demo data may go in. */
  readonly created: boolean;
  /** The schema version the database is at after opening. */
  readonly schemaVersion: number;

  countUsers(): Promise<number>;
  /** Inserts users in one transaction (demo seeding, data migration). */
  insertUsers(users: readonly NewUser[]): Promise<void>;
  userByLogin(login: string): Promise<StoredUser | undefined>;
  /** Every user with its password hash, by id (data migration only). */
  allUsers(): Promise<StoredUser[]>;
  /** A new password hash for `login`, ending that user's sessions in the same transaction; false for no such login. */
  setPassword(login: string, passwordHash: string): Promise<boolean>;

  insertSession(tokenHash: string, userId: string, createdAt: string): Promise<void>;
  /** The session's user when it was created at or after `createdNotBefore` (ISO); older sessions have expired. */
  userBySession(tokenHash: string, createdNotBefore: string): Promise<User | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsBefore(createdBefore: string): Promise<void>;

  /** The user's own preferences document as last saved (JSON text), or undefined when never saved (#13 item 5). */
  preferencesOf(userId: string): Promise<string | undefined>;
  /** Replaces the user's preferences document (JSON text, validated by the route). */
  savePreferences(userId: string, json: string, updatedAt: string): Promise<void>;
  /** Every user's preferences document (data migration only). */
  allPreferences(): Promise<StoredPreferences[]>;
  /** Every connector event recorded (data migration only): the retry history and the deletions kept by appeal. */
  allConnectorEvents(): Promise<StoredConnectorEvent[]>;

  /** Replaces the target list (reference data is reloaded from resources/ at every start). */
  replaceTargets(targets: readonly Target[]): Promise<void>;
  targets(): Promise<Target[]>;

  appealById(id: string): Promise<AppealRow | undefined>;
  /** The status of each of these appeals that exists (holds are granted only on undecided ones). */
  appealStatuses(ids: readonly string[]): Promise<Map<string, Appeal['status']>>;
  /**
   * Inserts, in order and in one transaction, each appeal whose id is not stored yet, each at the next change
   * sequence value; stored ids (and repeats within the batch) count as duplicates and change nothing.
   */
  insertNewAppeals(appeals: readonly Appeal[]): Promise<{ accepted: number; duplicates: number; head: number }>;
  /**
   * Applies one mutation in one transaction: reads its state, asks `plan` (pure, synchronous) what to do, and when
   * the plan writes, stores the appeal at the next change sequence value and records the mutation id.
   */
  applyMutation(key: MutationKey, plan: (state: MutationState) => MutationPlan): Promise<MutationPlan['result']>;
  /**
   * Applies one connector event in one transaction: an event key seen before is `duplicate_event` and changes nothing;
   * otherwise `plan` decides on the appeal as stored (or undefined), an insert or update takes the next change sequence
   * value, and the event key is recorded with its outcome.
   */
  applyConnectorEvent(event: ConnectorEvent, plan: (current: Appeal | undefined) => ConnectorEventPlan): Promise<ConnectorEventResult>;
  /**
   * Up to `limit` appeals whose seq is greater than `after`, in seq order, and the head at the time of the read.
   * Rows and head come from one snapshot (one statement on PostgreSQL; synchronous on SQLite): everything at or
   * below that head is visible in the rows, which is what change-feed-order.test.ts checks readers against.
   * Rows are only JSON-parsed here: the route table checks every response against the contract on its way out.
   */
  changesAfter(after: bigint, limit: number): Promise<{ rows: AppealRow[]; head: number }>;
  /** How many appeals changed after `after` (progress of a first sync: what is still to pull). */
  countChangesAfter(after: bigint): Promise<number>;
  /** The newest change sequence value handed out; a client cursor above it means the server went back in time. */
  headSeq(): Promise<number>;
  countAppeals(): Promise<number>;
  /** Every appeal with its seq and every recorded mutation, in seq order, a page at a time (data migration). */
  exportAppeals(after: number, limit: number): Promise<AppealRow[]>;
  exportMutations(after: string, limit: number): Promise<StoredMutation[]>;

  close(): Promise<void>;
}

/** One row of connector_events as stored (received_at as ISO text). */
export interface StoredConnectorEvent { key: string; appealId: string; type: string; outcome: string; receivedAt: string }

export interface StoredPreferences {
  userId: string;
  json: string;
  updatedAt: string;
}

export interface StoredMutation {
  id: string;
  appealId: string;
  userId: string;
  appliedAt: string;
  fingerprint: string | null;
}
