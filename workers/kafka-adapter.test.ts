// The Kafka worker on the worker runtime, without a broker: a fake kafkajs consumer hands real ZTF
// alerts to consumeKafka; the worker's status row (heartbeat, backlog, lag) shows in getHealth.
import fs from "node:fs";
import type { EachBatchPayload } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../tests/support/test-database";
import { loadAlertFixtures } from "../tests/support/alert-fixtures";
import { getHealth } from "../lib/health/get-health";
import type { KafkaConsumerLike } from "../lib/ingest/kafka-source";
import { parseKafkaConfig } from "../lib/server/env";
import { consumeKafka } from "./kafka-adapter";
import { startWorkerRuntime, type WorkerRuntime } from "./runtime";

const TOPIC = "ztf_20181129_programid1";

async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the Kafka worker's status in /api/health", () => {
  let db: TestDatabase;
  let runtime: WorkerRuntime;

  beforeAll(async () => {
    db = await createTestDatabase();
    runtime = await startWorkerRuntime({ kind: "kafka", logName: "kafka", databaseUrl: db.url });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("heartbeats while consuming, reports messages behind and the oldest pending message's age, and stops cleanly", async () => {
    let eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined;
    const consumer: KafkaConsumerLike = {
      connect: async () => undefined,
      subscribe: async () => undefined,
      run: async (config) => {
        eachBatch = config.eachBatch;
      },
      disconnect: async () => undefined,
      onCrash: () => undefined,
    };
    const config = parseKafkaConfig({ KAFKA_BROKERS: "kafka:9092", KAFKA_TOPIC: TOPIC, KAFKA_MAX_BATCH: "2" });
    const consuming = consumeKafka(runtime, config, { createConsumer: () => consumer });

    const registered = await waitFor(async () => (await getHealth(db.pool)).workers.find((w) => w.kind === "kafka"), 30_000);
    expect(registered).toMatchObject({ running: true, backlog: 0, lag_s: null });

    // Three real alerts at offsets 100..102, written to Kafka 2 minutes ago; 5 more wait behind them.
    const fixtures = loadAlertFixtures()
      .filter((f) => f.fixturePath.startsWith("night-2018-11-29/"))
      .slice(0, 3);
    const writtenAt = Date.now() - 120_000;
    const messages = fixtures.map((f, i) => ({
      offset: String(100 + i),
      value: fs.readFileSync(f.absolutePath),
      timestamp: String(writtenAt + i),
    }));
    const payload = {
      batch: {
        topic: TOPIC,
        partition: 0,
        messages,
        firstOffset: () => "100",
        lastOffset: () => "102",
        offsetLag: () => "5",
      },
      resolveOffset: () => undefined,
      heartbeat: async () => undefined,
      isRunning: () => true,
      isStale: () => false,
      uncommittedOffsets: () => ({ topics: [] }),
      commitOffsetsIfNecessary: async () => undefined,
    } as unknown as EachBatchPayload;
    await waitFor(() => eachBatch, 30_000);
    await eachBatch!(payload);

    const health = await waitFor(async () => {
      const worker = (await getHealth(db.pool)).workers.find((w) => w.kind === "kafka");
      return worker && worker.alerts_ingested === 3 && worker.backlog === 5 ? worker : undefined;
    }, 30_000);
    expect(health).toMatchObject({ running: true, alerts_ingested: 3, alerts_duplicate: 0, alerts_quarantined: 0, backlog: 5 });
    expect(health.heartbeat_age_s).toBeLessThan(60);
    expect(health.last_batch_at).not.toBeNull();
    // The last message of the batch is the lower bound of the next pending one's age.
    expect(health.lag_s).toBeGreaterThanOrEqual(119);

    runtime.stop("test");
    await consuming;
    await runtime.shutdown();
    const stopped = (await getHealth(db.pool)).workers.find((w) => w.kind === "kafka");
    expect(stopped).toMatchObject({ running: false, alerts_ingested: 3 });
  });
});
