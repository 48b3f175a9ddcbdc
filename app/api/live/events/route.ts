import { getLiveFeed } from "@/lib/live/live-feed-instance";

export const dynamic = "force-dynamic";

/** A comment line keeps proxies from closing an idle stream. */
const KEEPALIVE_MS = 15_000;

/**
 * Server-sent events of arriving alerts (`event: alerts`, data: LiveAlert[] as JSON, oldest first),
 * for /live. One poller per process serves every listener (lib/live/live-feed.ts).
 */
export async function GET(request: Request) {
  const encoder = new TextEncoder();
  let cleanup = () => undefined as void;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send("retry: 1000\n\n");
      const unsubscribe = getLiveFeed().subscribe((alerts) => send(`event: alerts\ndata: ${JSON.stringify(alerts)}\n\n`));
      const keepalive = setInterval(() => send(": keepalive\n\n"), KEEPALIVE_MS);
      cleanup = () => {
        clearInterval(keepalive);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
  });
}
