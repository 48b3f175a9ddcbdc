import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { readAlertSource } from "../ingest/alert-sources";
import { ingestAlertFiles } from "../ingest/ingest-alerts";
import { createLogger } from "../server/logger";
import { getLiveLatency, type LiveAlert } from "./live-alerts";
import { LiveFeed } from "./live-feed";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await ingestAlertFiles(db.pool, readAlertSource(path.join(ALERT_FIXTURES_DIR, "night-2018-11-29")), { batchSize: 50 });
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

describe("the live feed", () => {
  it("sends every alert committed after a listener subscribed, once, with its times", async () => {
    const feed = new LiveFeed(db.pool, createLogger("live-test"));
    const received: LiveAlert[] = [];
    const unsubscribe = feed.subscribe((alerts) => received.push(...alerts));
    await feed.positioned();
    const summary = await ingestAlertFiles(db.pool, readAlertSource(path.join(ALERT_FIXTURES_DIR, "samples")), { batchSize: 10 });
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(summary.ingested);
    unsubscribe();
    expect(new Set(received.map((a) => a.candid)).size).toBe(summary.ingested);
    for (const a of received) expect(Date.parse(a.ingestedAt)).toBeGreaterThanOrEqual(Date.parse(a.alertAt));
  }, 60_000);

  it("reports rolling alert→visible percentiles and alerts per second", async () => {
    const latency = await getLiveLatency(db.pool);
    expect(latency.alerts).toBeGreaterThan(375);
    expect(latency.visible_p50_ms).not.toBeNull();
    expect(latency.visible_p95_ms!).toBeGreaterThanOrEqual(latency.visible_p50_ms!);
    expect(latency.alerts_per_s).toHaveLength(120);
    expect(latency.alerts_per_s.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
