// Whether PostgreSQL can be reached, as this process last saw it. Every pool of createDb()
// (lib/server/db.ts) reports here: a query or connection that fails because the server is gone marks
// an outage, the next one that succeeds ends it. The HTTP guard (lib/http/outage-guard.ts) answers
// 503 while an outage lasts; the workers wait for the database with backoff (workers/runtime.ts).
// No `server-only`: the workers and vitest import it. State lives on globalThis, because Next
// bundles the instrumentation hook and the routes separately in one process.
import type pg from "pg";

/**
 * SQLSTATEs and Node socket codes of a server that is down, restarting or refusing connections:
 * 57P01 admin_shutdown (fast stop), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or
 * in recovery), 53300 too_many_connections, class 08 (connection exceptions).
 */
const UNAVAILABLE_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  // Prisma: can't reach the server, timed out reaching it, server closed the connection.
  "P1001",
  "P1002",
  "P1017",
]);

/** pg's own messages for a connection that broke (they carry no code). */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /terminating connection due to (administrator command|unexpected postmaster exit)/i,
  /the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i,
  /server closed the connection unexpectedly/i,
  /connect ECONNREFUSED/i,
  /timeout exceeded when trying to connect/i,
];

/** The thrown value (or one of its causes) says PostgreSQL cannot be reached: try again later, not a bug. */
export function isDatabaseUnavailableError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as { code?: unknown; errorCode?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  for (const code of [e.code, e.errorCode]) if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
  if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
  // AggregateError (a refused connection to both 127.0.0.1 and ::1), and Prisma's wrapped driver errors.
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailableError(inner, depth + 1))) return true;
  return e.cause !== undefined && e.cause !== error && isDatabaseUnavailableError(e.cause, depth + 1);
}

export interface DatabaseOutage {
  since: Date;
  reason: string;
}

interface OutageState {
  outage: DatabaseOutage | null;
  listeners: Set<(outage: DatabaseOutage | null) => void>;
}

const STATE_KEY = Symbol.for("cielo.databaseOutage");
const globalState = globalThis as typeof globalThis & { [STATE_KEY]?: OutageState };
const state = (): OutageState => (globalState[STATE_KEY] ??= { outage: null, listeners: new Set() });

/** The outage in progress, or null while the database answers. */
export function currentDatabaseOutage(): DatabaseOutage | null {
  return state().outage;
}

/** Called with the outage when one starts and with null when it ends. */
export function onDatabaseOutageChange(listener: (outage: DatabaseOutage | null) => void): () => void {
  state().listeners.add(listener);
  return () => state().listeners.delete(listener);
}

/** Records `error` when it means the database is gone; returns whether it did. */
export function noteDatabaseFailure(error: unknown): boolean {
  if (!isDatabaseUnavailableError(error)) return false;
  const s = state();
  if (!s.outage) {
    s.outage = { since: new Date(), reason: error instanceof Error ? error.message : String(error) };
    for (const listener of s.listeners) listener(s.outage);
  }
  return true;
}

/** The database answered: an outage in progress is over. */
export function noteDatabaseSuccess(): void {
  const s = state();
  if (!s.outage) return;
  s.outage = null;
  for (const listener of s.listeners) listener(null);
}

const WATCHED = Symbol.for("cielo.databaseOutage.watched");

/**
 * Makes `pool` report to the outage state and survive the server going away: every connection it
 * opens gets an 'error' listener (pg emits 'error' on a checked-out client whose server vanished,
 * and an unhandled 'error' event ends the process), the pool's own 'error' event (idle clients) is
 * handled, and its query/connect outcomes mark an outage's start and end. Broken connections are
 * dropped by pg-pool (it never reuses a client that is no longer queryable), so the pool
 * reconnects by itself on its next checkout.
 */
export function watchPoolAvailability(pool: pg.Pool, onConnectionError: (error: Error) => void): pg.Pool {
  const marked = pool as pg.Pool & { [WATCHED]?: true };
  if (marked[WATCHED]) return pool;
  marked[WATCHED] = true;
  const handle = (error: Error) => {
    noteDatabaseFailure(error);
    onConnectionError(error);
  };
  pool.on("error", handle);
  pool.on("connect", (client) => {
    client.on("error", handle);
    noteDatabaseSuccess();
  });
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    if (result instanceof Promise) {
      return result.then(
        (value: unknown) => {
          noteDatabaseSuccess();
          return value;
        },
        (error: unknown) => {
          noteDatabaseFailure(error);
          throw error;
        },
      );
    }
    return result;
  };
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
    const result = connect(...args);
    if (result instanceof Promise) {
      return result.catch((error: unknown) => {
        noteDatabaseFailure(error);
        throw error;
      });
    }
    return result;
  };
  return pool;
}
