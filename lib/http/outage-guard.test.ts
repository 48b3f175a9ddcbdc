import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { currentDatabaseOutage, isDatabaseUnavailableError, noteDatabaseFailure, noteDatabaseSuccess } from "../db/database-outage";
import { installDatabaseOutageGuard } from "./outage-guard";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailableError", () => {
  it.each([
    ["a fast shutdown (57P01)", pgError("57P01", "terminating connection due to administrator command")],
    ["a server starting up (57P03)", pgError("57P03", "the database system is starting up")],
    ["a refused connection", pgError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    ["pg's broken connection (no code)", new Error("Connection terminated unexpectedly")],
    ["both addresses refused", new AggregateError([pgError("ECONNREFUSED", "connect ECONNREFUSED ::1:5432")], "")],
    ["a cause two levels down", new Error("render failed", { cause: new Error("query failed", { cause: pgError("08006", "x") }) })],
    ["Prisma's server unreachable", pgError("P1001", "Can't reach database server")],
  ])("%s is an outage", (_, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(true);
  });

  it.each([
    ["a unique violation", pgError("23505", "duplicate key value violates unique constraint")],
    ["a statement timeout", pgError("57014", "canceling statement due to statement timeout")],
    ["a bug", new TypeError("x is undefined")],
    ["not an error", "ECONNREFUSED"],
  ])("%s is not", (_, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });
});

describe("the outage guard on the HTTP server", () => {
  let server: http.Server;
  let base: string;
  let databaseUp = false;
  let probes = 0;

  beforeAll(async () => {
    installDatabaseOutageGuard(async () => {
      probes += 1;
      if (!databaseUp) {
        noteDatabaseFailure(pgError("ECONNREFUSED", "connect ECONNREFUSED"));
        throw new Error("down");
      }
      noteDatabaseSuccess();
    });
    server = http.createServer((req, res) => {
      if (req.url === "/page-whose-query-failed") {
        // What a page render does when PostgreSQL vanishes under it: the pool marks the outage, Next writes a 500.
        noteDatabaseFailure(pgError("57P01", "terminating connection due to administrator command"));
        res.statusCode = 500;
        res.end("Internal Server Error");
        return;
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("served");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    vi.useRealTimers();
    await new Promise((resolve) => server.close(resolve));
  });

  it("serves while the database answers, and turns a 500 caused by an outage into a 503", async () => {
    expect(currentDatabaseOutage()).toBeNull();
    expect((await fetch(`${base}/`)).status).toBe(200);
    const failed = await fetch(`${base}/page-whose-query-failed`);
    expect(failed.status).toBe(503);
    expect(failed.headers.get("retry-after")).toBe("5");
    expect(currentDatabaseOutage()?.reason).toMatch(/administrator command/);
  });

  it("answers 503 without reaching the app during the outage: JSON for the API, a page for browsers; static files pass", async () => {
    const api = await fetch(`${base}/api/ztf/v1/objects`);
    expect(api.status).toBe(503);
    expect(api.headers.get("retry-after")).toBe("5");
    expect(await api.json()).toEqual({ message: "The database is unavailable; try again shortly.", code: "unavailable" });
    const health = await fetch(`${base}/api/health`);
    expect(await health.json()).toMatchObject({ status: "down", code: "unavailable" });
    const page = await fetch(`${base}/object/ZTF18abcdefg`);
    expect(page.status).toBe(503);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toContain("temporarily unavailable");
    expect((await fetch(`${base}/icon.svg`)).status).toBe(200);
  });

  it("probes at most once a second, and serves again once the database answers", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const before = probes;
    await Promise.all([fetch(`${base}/a`), fetch(`${base}/b`), fetch(`${base}/c`)]);
    expect(probes - before).toBeLessThanOrEqual(1);
    databaseUp = true;
    vi.setSystemTime(Date.now() + 1500);
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("served");
    expect(currentDatabaseOutage()).toBeNull();
  });
});
