import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../errors/app-error";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { LoadShedder } from "./load-shedding";

/** A server whose requests stay in progress until released: GET /hold waits, everything else answers at once. */
async function serve(shedder: LoadShedder) {
  const held: (() => void)[] = [];
  let heldChanged: () => void = () => undefined;
  const server = http.createServer((req, res) => {
    if (!shedder.admit(req, res)) return;
    if (req.url === "/hold") {
      held.push(() => res.end("released"));
      heldChanged();
    } else {
      res.end("ok");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    /** Resolves once `n` requests are being held by the handler. */
    holding: (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => held.length >= n && resolve();
        heldChanged = check;
        check();
      }),
    releaseAll: () => held.splice(0).forEach((release) => release()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function expectShed(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("2");
  const body = errorBodySchema.parse(await response.json());
  expect(body.code).toBe("unavailable");
  expect(body.message).toMatch(/busy/);
}

describe("LoadShedder", () => {
  it("answers 503 with Retry-After and the AppError body past the bound on requests in progress, and admits again once they finish", async () => {
    const shedder = new LoadShedder({ maxInFlight: 2, maxDbWaiting: 0, dbWaiting: () => 0 });
    const server = await serve(shedder);
    try {
      const first = fetch(`${server.base}/hold`);
      const second = fetch(`${server.base}/hold`);
      await server.holding(2);
      expect(shedder.requestsInFlight).toBe(2);
      await expectShed(await fetch(`${server.base}/object/ZTF18abcdefg`));
      // Static files and the health check are never refused.
      expect((await fetch(`${server.base}/_next/static/chunks/app.js`)).status).toBe(200);
      expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
      server.releaseAll();
      expect(await (await first).text()).toBe("released");
      expect(await (await second).text()).toBe("released");
      // The count drops when the responses close (event-driven: poll the shedder, no fixed sleep).
      await expect.poll(() => shedder.requestsInFlight, { timeout: 10_000 }).toBe(0);
      expect((await fetch(`${server.base}/object/ZTF18abcdefg`)).status).toBe(200);
      expect(shedder.shed).toEqual({ in_flight: 1, db_waiting: 0 });
    } finally {
      server.releaseAll();
      await server.close();
    }
  });

  describe("with a real pool's wait queue", () => {
    let db: TestDatabase;
    let pool: pg.Pool;

    beforeAll(async () => {
      db = await createTestDatabase();
      pool = new pg.Pool({ connectionString: db.url, max: 1 });
    });
    afterAll(async () => {
      await pool.end();
      await db.drop();
    });

    it("refuses while more queries wait for a connection than the bound, and admits when the queue drains", async () => {
      const shedder = new LoadShedder({ maxInFlight: 0, maxDbWaiting: 2, dbWaiting: () => pool.waitingCount });
      const server = await serve(shedder);
      try {
        // One connection: the first query holds it until the advisory lock is released, the others queue.
        const holder = await db.pool.connect();
        await holder.query("SELECT pg_advisory_lock(4242)");
        const queries = Array.from({ length: 4 }, () => pool.query("SELECT pg_advisory_lock_shared(4242), 1 AS one"));
        await expect.poll(() => pool.waitingCount, { timeout: 10_000 }).toBe(3);
        await expectShed(await fetch(`${server.base}/api/ztf/v1/objects`));
        await holder.query("SELECT pg_advisory_unlock(4242)");
        holder.release();
        await Promise.all(queries);
        expect(pool.waitingCount).toBe(0);
        expect((await fetch(`${server.base}/api/ztf/v1/objects`)).status).toBe(200);
        expect(shedder.shed).toEqual({ in_flight: 0, db_waiting: 1 });
      } finally {
        await server.close();
      }
    });
  });
});
