// Serves the API's Next route modules (the table in app/api/routes.ts) over node:http without
// building the app, for the API tests, the notebooks' test and bench:api: paths are matched against
// the route folders as Next's App Router does (static > [param] > [...catchAll]) and the module's
// GET/OPTIONS gets a standard Request. The routes' database handles (getDb: its pool and read pool) and rate
// limiter are set to the caller's through their globalThis caches, which is why this lives in
// tests/support and never in lib/.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { API_ROUTE_MODULES } from "../../app/api/routes";
import { RateLimiter } from "../../lib/api/rate-limit";
import type { Db } from "../../lib/server/db";

type RouteHandler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

interface Route {
  segments: string[];
  load: () => Promise<object>;
  rank: number;
}

function listRoutes(): Route[] {
  return Object.entries(API_ROUTE_MODULES)
    .map(([pattern, load]) => {
      const segments = pattern.split("/");
      const rank = segments.reduce((r, s) => r + (s.startsWith("[...") ? 1000 : s.startsWith("[") ? 1 : 0), 0);
      return { segments, load, rank };
    })
    .sort((a, b) => a.rank - b.rank);
}

/** The module's handler for an HTTP method, when it exports one. */
function handlerOf(module: object, method: string): RouteHandler | null {
  const handler: unknown = (module as Record<string, unknown>)[method];
  return typeof handler === "function" ? (handler as RouteHandler) : null;
}

function match(route: Route, parts: string[]): Record<string, string | string[]> | null {
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const seg = route.segments[i]!;
    if (seg.startsWith("[...")) {
      const rest = parts.slice(i);
      if (rest.length === 0) return null;
      params[seg.slice(4, -1)] = rest;
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    if (seg.startsWith("[")) params[seg.slice(1, -1)] = part;
    else if (seg !== part) return null;
  }
  return parts.length === route.segments.length ? params : null;
}

export interface ApiRoutesServer {
  url: string;
  close(): Promise<void>;
}

export async function serveApiRoutes(db: Db, options: { rateLimiter?: RateLimiter; port?: number } = {}): Promise<ApiRoutesServer> {
  const caches = globalThis as typeof globalThis & { cieloDb?: Db; cieloApiRateLimiter?: RateLimiter };
  caches.cieloDb = db;
  caches.cieloApiRateLimiter = options.rateLimiter ?? new RateLimiter({ perMinute: 0, burst: 1 });
  const routes = listRoutes();
  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? "/", "http://localhost");
        // Next collapses repeated slashes (ALeRCE's client asks for .../v1//objects) with a 308.
        if (/\/\//.test(url.pathname)) {
          res.writeHead(308, { location: url.pathname.replace(/\/{2,}/g, "/") + url.search }).end();
          return;
        }
        const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
        for (const route of routes) {
          const params = match(route, parts);
          if (!params) continue;
          const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
          const handler = handlerOf(await route.load(), method);
          if (!handler) {
            res.writeHead(405).end();
            return;
          }
          const headers = new Headers();
          for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
          headers.set("x-forwarded-for", req.socket.remoteAddress ?? "127.0.0.1");
          const response = await handler(new Request(`http://localhost${req.url}`, { method, headers }), {
            params: Promise.resolve(params),
          });
          const body = Buffer.from(await response.arrayBuffer());
          res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
          res.end(req.method === "HEAD" ? undefined : body);
          return;
        }
        res.writeHead(404, { "content-type": "text/html" }).end("<h1>404</h1>");
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
