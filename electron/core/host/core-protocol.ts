// The message protocol between a desk core running off the UI's thread (the core host: an Electron utilityProcess,
// or a worker thread in the harness) and the side that drives it (Electron main, the harness, tests). Every message
// is a plain object (structured clone carries it); both sides parse what they receive with the schemas below and
// refuse, never crash on, anything else.
//
//   host side → core                        core → host side
//   start {version, options, token}         ready | startFailed {error: {name, message, code?}}
//   call {id, method, input}                result {id, json}   (the DeskResult as JSON text, see below)
//   close                                   event {name, payload}    (every DESK_EVENTS event, as emitted)
//                                           log {line}
//                                           tokenSaved {token} | tokenCleared   (before the call's result)
//                                           refused {reason, id?}    (a message that is not of this protocol)
//                                           closed
//
// Function-valued DeskCoreOptions do not cross: the token store stays on the host side (the core keeps an in-memory
// copy seeded by `start.token` and reports every save/clear, which the host side applies to its own store before the
// call's result arrives); `log` becomes `log` messages; `fetch` is chosen by the core's entry (Node's fetch in a worker,
// Electron's net.fetch in the utility process); `clock` (tests that drive timers by hand) is in-process only.
//
// Results cross as JSON text written in the core's thread (DeskCore.callJson): the harness forwards the text to the
// browser as it is, so its own thread never clones, walks or serialises a large answer (a 100,000-id inbox list);
// Electron main parses it once (a structured clone costs it about the same).
import { z } from 'zod';

export const CORE_PROTOCOL_VERSION = 1;

/** cache/open-cache.ts's START_FRESH_FLAG, repeated so that Electron main can read its command line without bundling
 * the cache code (tests/node/core-host/core-host.test.ts holds the two equal). */
export const START_FRESH_CACHE_FLAG = '--start-fresh-cache';

const MAX_METHOD_LENGTH = 200;

/** The serialisable part of DeskCoreOptions (see the header for the rest). */
export const CoreStartOptions = z.object({
  dataDir: z.string().min(1),
  apiUrl: z.string(),
  pushDelayMs: z.number().nonnegative().optional(),
  syncIntervalMs: z.number().nonnegative().optional(),
  requestTimeoutMs: z.number().positive().optional(),
  demo: z.boolean().optional(),
  validateOutputs: z.boolean().optional(),
  startFreshCache: z.boolean().optional(),
  liveSilenceMs: z.number().positive().optional(),
  holdLeaseMs: z.number().positive().optional(),
}).strict();
export type CoreStartOptions = z.output<typeof CoreStartOptions>;

const CallId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const HostToCoreMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('start'),
    version: z.literal(CORE_PROTOCOL_VERSION),
    options: CoreStartOptions,
    /** The session token the host side has restored (null: signed out). */
    token: z.string().min(1).nullable(),
  }).strict(),
  z.object({ type: z.literal('call'), id: CallId, method: z.string().max(MAX_METHOD_LENGTH), input: z.unknown() }).strict(),
  z.object({ type: z.literal('close') }).strict(),
]);
export type HostToCoreMessage = z.output<typeof HostToCoreMessage>;

/** The CacheOpenError kinds (cache/cache-open-error.ts): the shell words its refusal by them. */
export const StartFailureCode = z.enum(['cache_corrupt', 'cache_too_new', 'cache_missing']);

/** What a result's JSON text must hold. */
export const DeskResultMessage = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

export const CoreToHostMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }).strict(),
  z.object({
    type: z.literal('startFailed'),
    error: z.object({ name: z.string(), message: z.string(), code: StartFailureCode.optional() }).strict(),
  }).strict(),
  z.object({ type: z.literal('result'), id: CallId, json: z.string() }).strict(),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }).strict(),
  z.object({ type: z.literal('log'), line: z.string() }).strict(),
  z.object({ type: z.literal('tokenSaved'), token: z.string().min(1) }).strict(),
  z.object({ type: z.literal('tokenCleared') }).strict(),
  z.object({ type: z.literal('refused'), reason: z.string(), id: CallId.optional() }).strict(),
  z.object({ type: z.literal('closed') }).strict(),
]);
export type CoreToHostMessage = z.output<typeof CoreToHostMessage>;

/** What a side can say about a message it could not parse: the first issues, short (never the message itself). */
export function describeProtocolIssues(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'message'}: ${issue.message}`).join('; ');
}

/** The core side of a transport: a worker's parentPort, or an Electron utility process's process.parentPort. */
export interface CoreHostPort {
  send(message: CoreToHostMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  /** After `closed` was sent: stop listening so the thread or process may end. */
  end(): void;
}

/** The host side of a transport: a worker_threads Worker, or an Electron UtilityProcess. */
export interface CoreHostTransport {
  send(message: HostToCoreMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the thread or process is gone (after close, or a crash), with a short description. */
  onExit(listener: (detail: string) => void): void;
  /** Ends the thread or process (after `closed`, or when it does not answer). */
  terminate(): Promise<void>;
}

/**
 * The exit bookkeeping both transports share (worker thread, utility process): the listener hears of the exit once,
 * with the last error the thread or process reported before it, and `exited` lets terminate() wait for the end.
 */
export interface ExitTracker {
  readonly isExited: () => boolean;
  readonly exited: Promise<void>;
  /** Feed the thread's or process's own exit event here. */
  exit(detail: string): void;
  /** An error event before the exit: it names the exit instead of the bare code. */
  fail(detail: string): void;
  onExit(listener: (detail: string) => void): void;
}

export function createExitTracker(): ExitTracker {
  let done = false;
  let listener: ((detail: string) => void) | null = null;
  let lastError: string | null = null;
  let resolve: () => void = () => undefined;
  const exited = new Promise<void>((r) => (resolve = r));
  return {
    isExited: () => done,
    exited,
    exit(detail) {
      if (done) return;
      done = true;
      listener?.(lastError ?? detail);
      resolve();
    },
    fail(detail) {
      lastError = detail;
    },
    onExit(next) {
      listener = next;
    },
  };
}
