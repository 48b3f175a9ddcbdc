import http from "node:http";
import type { Duplex } from "node:stream";

/** How long an answered oversized request may go on sending before its connection is closed. */
const DRAIN_MS = 5000;

const REASONS = { 414: "URI Too Long", 431: "Request Header Fields Too Large" } as const;
const BODIES = {
  414: "The address is too long. Cielo's addresses stay under 16 kB; shorten the query.\n",
  431: "The request headers are too large (over 16 kB). Remove some cookies or headers and try again.\n",
} as const;

/**
 * 414 when the request line itself overflowed (no line end in the bytes read so far: it starts
 * with a method and a target), else 431. Node's parser reports both as HPE_HEADER_OVERFLOW.
 */
export function oversizedStatus(rawPacket: Buffer | undefined): 414 | 431 {
  if (!rawPacket) return 431;
  const head = rawPacket.subarray(0, 64 * 1024).toString("latin1");
  return /^[A-Z]{3,10} \S/.test(head) && !head.includes("\r\n") ? 414 : 431;
}

/** The whole answer, as bytes for the socket: a status line, a few headers and a one-line body. */
export function oversizedResponse(status: 414 | 431): string {
  const body = BODIES[status];
  return (
    `HTTP/1.1 ${status} ${REASONS[status]}\r\n` +
    `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

const answered = new WeakSet<Duplex>();

/**
 * Answers a request whose line or headers are over Node's limit (16 kB) with 414 or 431 and a
 * short body, then closes the connection gracefully. Node's own answer is a bodiless 431 followed
 * by destroying the socket while the client is still sending, which the client sees as a
 * connection reset (curl: "Recv failure"). Here the socket is half-closed after the answer and
 * what the client still sends is read and dropped, for at most DRAIN_MS. Installed from
 * instrumentation's register() like refuseTraceRequests (no later hook sees these requests).
 */
export function answerOversizedRequests(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "clientError") {
      const [error, socket] = args as [NodeJS.ErrnoException & { rawPacket?: Buffer }, Duplex];
      if (error?.code === "HPE_HEADER_OVERFLOW" && socket) {
        if (!answered.has(socket)) {
          answered.add(socket);
          answer(socket, oversizedStatus(error.rawPacket));
        }
        return true;
      }
    }
    return emit.call(this, event, ...args);
  } as typeof emit;
}
let installed = false;

function answer(socket: Duplex, status: 414 | 431): void {
  // Nothing more for the HTTP parser (it is in its error state); the rest of the request is dropped.
  socket.removeAllListeners("data");
  socket.on("data", () => undefined);
  socket.on("error", () => undefined);
  const closeTimer = setTimeout(() => socket.destroy(), DRAIN_MS);
  closeTimer.unref();
  socket.once("close", () => clearTimeout(closeTimer));
  // The client closes once it has the answer; end() only half-closes, so its last bytes do not reset it.
  if (socket.writable) socket.end(oversizedResponse(status));
  else socket.destroy();
  socket.resume();
}
