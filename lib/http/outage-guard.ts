import http from "node:http";
import { AppError } from "../errors/app-error";
import { currentDatabaseOutage } from "../db/database-outage";

/** Retry-After of every answer given while the database is away. */
export const OUTAGE_RETRY_AFTER_S = 5;
/** While an outage lasts, the database is probed at most this often (requests in between get 503 at once). */
const PROBE_INTERVAL_MS = 1000;
const PROBE_TIMEOUT_MS = 2000;

/** Static files need no database: they pass even during an outage. */
const NEEDS_NO_DATABASE = /^\/(_next\/static|_next\/image|favicon\.ico|icon\.svg)/;

const UNAVAILABLE_MESSAGE = "The database is unavailable; try again shortly.";

const UNAVAILABLE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${OUTAGE_RETRY_AFTER_S}">
<title>Cielo is temporarily unavailable</title></head>
<body><h1>Cielo is temporarily unavailable</h1>
<p>The database cannot be reached. This page tries again in ${OUTAGE_RETRY_AFTER_S} seconds.</p></body></html>
`;

function answerUnavailable(req: http.IncomingMessage, res: http.ServerResponse): void {
  const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
  const headers: http.OutgoingHttpHeaders = {
    "retry-after": String(OUTAGE_RETRY_AFTER_S),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
  if (pathname.startsWith("/api/") || req.headers["next-action"] !== undefined) {
    const error = new AppError("unavailable", UNAVAILABLE_MESSAGE, { retryAfterSeconds: OUTAGE_RETRY_AFTER_S });
    // /api/health keeps its own outage body: monitors read `status`.
    const body = pathname === "/api/health" ? { status: "down", database: "unreachable", ...error.body() } : error.body();
    res.writeHead(error.status, { ...headers, "content-type": "application/json" }).end(JSON.stringify(body));
    return;
  }
  res
    .writeHead(503, {
      ...headers,
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    })
    .end(UNAVAILABLE_PAGE);
}

/**
 * A 500 written while the database is known to be away was caused by it (a page whose query failed
 * when PostgreSQL went down mid-render; Next gives pages no other way to choose their status):
 * it goes out as 503 with Retry-After.
 */
function turnOutage500Into503(res: http.ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
  (res as unknown as { writeHead: (...args: unknown[]) => http.ServerResponse }).writeHead = (...args: unknown[]) => {
    const status = typeof args[0] === "number" ? args[0] : res.statusCode;
    if (status === 500 && currentDatabaseOutage()) {
      if (typeof args[0] === "number") args[0] = 503;
      res.statusCode = 503;
      res.setHeader("retry-after", String(OUTAGE_RETRY_AFTER_S));
      res.setHeader("cache-control", "no-store");
    }
    return writeHead(...args);
  };
}

let installed = false;

/**
 * Installs the database-outage guard on the Node HTTP servers of this process (only Next's), like
 * lib/security/refuse-trace.ts: while an outage is known (lib/db/database-outage.ts), requests get a
 * 503 with Retry-After without reaching Next (JSON `{message, code: "unavailable"}` for the API, a
 * short page for browsers); the first request after PROBE_INTERVAL_MS probes the database with
 * `probe` and, when it answers, the app serves again. See docs/operations.md.
 */
export function installDatabaseOutageGuard(probe: () => Promise<unknown>): void {
  if (installed) return;
  installed = true;
  let probing: Promise<boolean> | null = null;
  let lastProbeAt = 0;
  const databaseAnswers = (): Promise<boolean> | boolean => {
    if (!currentDatabaseOutage()) return true;
    if (probing) return probing;
    if (Date.now() - lastProbeAt < PROBE_INTERVAL_MS) return false;
    lastProbeAt = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("the database probe timed out")), PROBE_TIMEOUT_MS);
    });
    probing = Promise.race([probe(), timeout])
      .then(
        () => currentDatabaseOutage() === null,
        () => false,
      )
      .finally(() => {
        clearTimeout(timer);
        probing = null;
      });
    return probing;
  };

  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== "request") return emit.call(this, event, ...args);
    const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
    if (NEEDS_NO_DATABASE.test(req.url ?? "")) return emit.call(this, event, ...args);
    const answers = databaseAnswers();
    if (answers === true) {
      turnOutage500Into503(res);
      return emit.call(this, event, ...args);
    }
    if (answers === false) {
      answerUnavailable(req, res);
      return true;
    }
    void answers.then((up) => {
      if (!up) return answerUnavailable(req, res);
      turnOutage500Into503(res);
      emit.call(this, event, ...args);
    });
    return true;
  } as typeof emit;
}
