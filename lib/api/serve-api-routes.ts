// Serves the public API's Next route modules (app/api/ztf, app/api/avro, app/api/openapi.json)
// over node:http without building the app, for the tests, the notebooks' test and bench:api:
// paths are matched against the route folders as Next's App Router does (static > [param] >
// [...catchAll]) and the module's GET/OPTIONS gets a standard Request. The routes' database
// handles (getDb, getApiPool) and rate limiter are set to the caller's through their caches.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type pg from "pg";
import type { Db } from "../server/db";
import { RateLimiter } from "./rate-limit";

type RouteModule = Record<
  string,
  ((request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response) | unknown
>;

interface Route {
  segments: string[];
  file: string;
  rank: number;
}

const APP_DIR = path.resolve(import.meta.dirname, "..", "..", "app");
const API_ROOTS = ["api/ztf", "api/avro", "api/openapi.json"];

function findRoutes(): Route[] {
  const routes: Route[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const segments = path.relative(APP_DIR, dir).split(path.sep);
        const rank = segments.reduce((r, s) => r + (s.startsWith("[...") ? 1000 : s.startsWith("[") ? 1 : 0), 0);
        routes.push({ segments, file: full, rank });
      }
    }
  };
  for (const root of API_ROOTS) if (fs.existsSync(path.join(APP_DIR, root))) walk(path.join(APP_DIR, root));
  return routes.sort((a, b) => a.rank - b.rank);
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
  const caches = globalThis as typeof globalThis & { cieloDb?: Db; cieloApiPool?: pg.Pool; cieloApiRateLimiter?: RateLimiter };
  caches.cieloDb = db;
  caches.cieloApiPool = db.pool;
  caches.cieloApiRateLimiter = options.rateLimiter ?? new RateLimiter({ perMinute: 0, burst: 1 });
  const routes = findRoutes();
  const modules = new Map<string, RouteModule>();
  const load = async (file: string) => {
    if (!modules.has(file)) modules.set(file, (await import(file)) as RouteModule);
    return modules.get(file)!;
  };
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
          const mod = await load(route.file);
          const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
          const handler = mod[method];
          if (typeof handler !== "function") {
            res.writeHead(405).end();
            return;
          }
          const headers = new Headers();
          for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
          headers.set("x-forwarded-for", req.socket.remoteAddress ?? "127.0.0.1");
          const response = (await handler(new Request(`http://localhost${req.url}`, { method, headers }), {
            params: Promise.resolve(params),
          })) as Response;
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
