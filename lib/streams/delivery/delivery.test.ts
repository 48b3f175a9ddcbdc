import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR } from "../../../tests/support/alert-fixtures";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-database";
import { readAlertSource } from "../../ingest/alert-sources";
import { ingestAlertFiles } from "../../ingest/ingest-alerts";
import { createLogger } from "../../server/logger";
import { filterDefinitionSchema } from "../filter-definition";
import { saveFilter } from "../save-filter";
import { alertMessageSchema } from "./alert-message";
import { createDestination } from "./create-destination";
import { type KafkaPublisher, runDeliveryPass } from "./run-delivery-pass";
import { verifyWebhookSignature } from "./webhook-signature";

const NIGHT = path.join(ALERT_FIXTURES_DIR, "night-2018-11-29");
const MAX_ATTEMPTS = 5;

interface Receipt {
  key: string;
  status: number;
  signatureValid: boolean;
}

/** A loopback receiver that answers 500 to the first `failFirst` attempts of each idempotency key. */
async function receiver(secret: () => string, failFirst: number, clock: () => Date) {
  const receipts: Receipt[] = [];
  const attempts = new Map<string, number>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const key = String(request.headers["idempotency-key"]);
      const n = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, n);
      const status = n <= failFirst ? 500 : 200;
      const signatureValid = verifyWebhookSignature(secret(), body, String(request.headers["x-cielo-signature"]), clock().getTime() / 1000);
      const parsed = alertMessageSchema.safeParse(JSON.parse(body));
      receipts.push({ key, status, signatureValid: signatureValid && parsed.success && parsed.data.idempotency_key === key });
      response.statusCode = status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    receipts,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cielo`,
    close: () => new Promise((r) => server.close(r)),
  };
}

let db: TestDatabase;
let clockMs = Date.now() + 1000;
const clock = () => new Date(clockMs);
let flaky: Awaited<ReturnType<typeof receiver>>;
let flakySecret = "";
const kafkaSent: { topic: string; key: string; value: string }[] = [];
const kafka: KafkaPublisher = {
  send: async (topic, messages) => void kafkaSent.push(...messages.map((m) => ({ topic, ...m }))),
};
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  const { rows } = await db.pool.query<{ id: string }>(
    "INSERT INTO app_user (id, email, display_name) VALUES (gen_random_uuid(), 'hooks@example.org', 'Hooks') RETURNING id",
  );
  const owner = rows[0]!.id;
  const filterId = await saveFilter(db.pool, owner, {
    name: "bright",
    description: "",
    public: false,
    definition: filterDefinitionSchema.parse({ alert: { magpsf: { max: 18.5 } } }),
  });
  flaky = await receiver(() => flakySecret, 3, clock);
  const up = await createDestination(db.pool, owner, { kind: "webhook", streamKind: "filter", streamId: filterId, target: flaky.url });
  flakySecret = up.secret!;
  ids.flaky = up.id;
  // A receiver that is down for the whole run: a port that was just freed.
  const gone = await receiver(() => "", 0, clock);
  await gone.close();
  ids.down = (await createDestination(db.pool, owner, { kind: "webhook", streamKind: "filter", streamId: filterId, target: gone.url })).id;
  ids.kafka = (
    await createDestination(db.pool, owner, { kind: "kafka", streamKind: "filter", streamId: filterId, target: "cielo.bright" })
  ).id;
  ids.filter = filterId;
  await ingestAlertFiles(db.pool, readAlertSource(NIGHT), { batchSize: 50 });
}, 300_000);
afterAll(async () => {
  await flaky?.close();
  await db?.drop();
});

describe("delivery of matches (outbox written at ingest, sent afterwards)", () => {
  it("webhooks are retried with backoff until acknowledged (once per key, signed), a dead receiver ends in the dead-letter list, Kafka gets every match", async () => {
    const { rows: matches } = await db.pool.query<{ candid: string }>(
      "SELECT candid::text AS candid FROM filter_match WHERE filter_id = $1",
      [ids.filter],
    );
    expect(matches.length).toBeGreaterThan(5);
    const { rows: pending } = await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM delivery WHERE status = 'pending'");
    expect(pending[0]!.n).toBe(3 * matches.length);

    const log = createLogger("delivery-test");
    for (let pass = 0; pass < 30; pass++) {
      await runDeliveryPass(db.pool, { log, now: clock, kafka, maxAttempts: MAX_ATTEMPTS, batch: 1000, timeoutMs: 5000 });
      const { rows } = await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM delivery WHERE status = 'pending'");
      if (rows[0]!.n === 0) break;
      clockMs += 3_600_000; // past any backoff: the next pass retries everything pending
    }

    const expectedKeys = matches.map((m) => `${ids.flaky}:${m.candid}`).sort();
    const acknowledged = flaky.receipts.filter((r) => r.status === 200).map((r) => r.key);
    expect(acknowledged.sort()).toEqual(expectedKeys);
    expect(flaky.receipts).toHaveLength(4 * matches.length);
    expect(flaky.receipts.every((r) => r.signatureValid)).toBe(true);

    const { rows: states } = await db.pool.query<{ destination_id: string; status: string; attempts: number; n: number }>(
      "SELECT destination_id::text, status, attempts, count(*)::int AS n FROM delivery GROUP BY 1, 2, 3",
    );
    expect(states.find((s) => s.destination_id === ids.flaky)).toMatchObject({ status: "delivered", attempts: 4, n: matches.length });
    expect(states.find((s) => s.destination_id === ids.down)).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS, n: matches.length });
    expect(states.find((s) => s.destination_id === ids.kafka)).toMatchObject({ status: "delivered", attempts: 1, n: matches.length });

    expect(kafkaSent.map((m) => m.key).sort()).toEqual(matches.map((m) => `${ids.kafka}:${m.candid}`).sort());
    const message = alertMessageSchema.parse(JSON.parse(kafkaSent[0]!.value));
    expect(message).toMatchObject({ stream: { kind: "filter", id: ids.filter, name: "bright" } });
    expect(kafkaSent[0]!.topic).toBe("cielo.bright");
    expect(message.alert.magpsf).toBeLessThanOrEqual(18.5);
    expect(message.object?.oid).toBe(message.alert.oid);
  }, 120_000);
});
