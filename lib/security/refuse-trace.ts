import http from "node:http";

/** Methods no Cielo route answers; TRACE would echo the request, cookies included. */
const REFUSED_METHODS = new Set(["TRACE", "TRACK"]);

let installed = false;

/**
 * Answers TRACE and TRACK with 405 before Next sees them. Next builds a web Request for every
 * request before the proxy runs, the fetch standard forbids these methods, and the throw becomes a
 * 500 with a stack trace in the log. Next offers no earlier hook than instrumentation's register(),
 * so this wraps the 'request' event of Node's HTTP servers in this process (only Next's server).
 */
export function refuseTraceRequests(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      if (REFUSED_METHODS.has(req.method ?? "")) {
        res.writeHead(405, { allow: "GET, HEAD, POST, OPTIONS", "content-type": "text/plain" }).end("Method not allowed.\n");
        return true;
      }
    }
    return emit.call(this, event, ...args);
  } as typeof emit;
}
