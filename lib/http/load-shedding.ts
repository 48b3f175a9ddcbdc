// Load shedding for the Next server (docs/decisions/0024-load-shedding.md): past a bound on requests
// in progress, or on queries waiting for a database connection, a request is answered at once with
// 503 + Retry-After and the AppError body, before Next builds a Request or renders anything. The
// alternative under overload is every request getting slower until clients time out or a pool wait
// fails deep in a render (a 500 halfway through a streamed page).
import http from "node:http";
import { AppError } from "../errors/app-error";
import type { Db } from "../server/db";

export interface LoadSheddingConfig {
  /** Requests in progress (admitted, response not finished) above which new ones are refused; 0 = no bound. */
  maxInFlight: number;
  /** Queries waiting for a connection of the app's pools above which new requests are refused; 0 = no bound. */
  maxDbWaiting: number;
  /** The pools' wait queue length now. */
  dbWaiting: () => number;
  /** Seconds sent in Retry-After. */
  retryAfterSeconds?: number;
  /** Called for each refused request (the app logs a summary now and then). */
  onShed?: (reason: ShedReason, shedSoFar: Readonly<Record<ShedReason, number>>) => void;
}

export type ShedReason = "in_flight" | "db_waiting";

/** Static files and the health check are never refused: they cost nothing and monitors need health. */
const EXEMPT_PATH = /^\/(_next\/static\/|_next\/image|favicon\.ico|icon\.svg|api\/health(\/|\?|$))/;

export class LoadShedder {
  private inFlight = 0;
  private readonly shedCounts: Record<ShedReason, number> = { in_flight: 0, db_waiting: 0 };

  constructor(private readonly config: LoadSheddingConfig) {}

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** Requests refused since start, by reason. */
  get shed(): Readonly<Record<ShedReason, number>> {
    return this.shedCounts;
  }

  /** Why a new request would be refused now, or null. */
  overloaded(): ShedReason | null {
    const { maxInFlight, maxDbWaiting } = this.config;
    if (maxInFlight > 0 && this.inFlight >= maxInFlight) return "in_flight";
    if (maxDbWaiting > 0 && this.config.dbWaiting() > maxDbWaiting) return "db_waiting";
    return null;
  }

  /**
   * Admits the request (counted until its response closes) and returns true, or answers it with 503
   * and returns false.
   */
  admit(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (EXEMPT_PATH.test(req.url ?? "/")) return true;
    const reason = this.overloaded();
    if (reason) {
      this.shedCounts[reason] += 1;
      this.config.onShed?.(reason, this.shedCounts);
      const retryAfterSeconds = this.config.retryAfterSeconds ?? 2;
      const error = new AppError("unavailable", `The server is busy; retry after ${retryAfterSeconds} s.`, { retryAfterSeconds });
      // The request body (an action's form) is not read: closing the connection discards it.
      res.writeHead(error.status, {
        "content-type": "application/json",
        "retry-after": String(retryAfterSeconds),
        "cache-control": "no-store",
        connection: "close",
      });
      res.end(JSON.stringify(error.body()));
      return false;
    }
    this.inFlight += 1;
    res.once("close", () => {
      this.inFlight -= 1;
    });
    return true;
  }
}

/** Queries waiting for a connection of this process's getDb() pools (0 before the first query opened them). */
export function appDbWaiting(): number {
  // lib/server/db.ts keeps the handles on this global. Read here rather than imported, so the
  // instrumentation bundle that installs the shedder does not carry pg and Prisma.
  const db = (globalThis as typeof globalThis & { cieloDb?: Db }).cieloDb;
  return db ? db.readPool.waitingCount + db.pool.waitingCount : 0;
}

let installed: LoadShedder | undefined;

/**
 * Puts `shedder` in front of every HTTP server of this process (only Next's, in the app): the
 * 'request' event is wrapped, as lib/security/refuse-trace.ts does, since Next offers no earlier
 * hook than instrumentation's register(). Installed once; later calls return the first shedder.
 */
export function installLoadShedding(shedder: LoadShedder): LoadShedder {
  if (installed) return installed;
  installed = shedder;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (!shedder.admit(req, res)) return true;
    }
    return emit.call(this, event, ...args);
  } as typeof emit;
  return shedder;
}
