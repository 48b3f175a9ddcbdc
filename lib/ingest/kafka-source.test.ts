// The Kafka consumer without a broker: handleKafkaBatch against fake kafkajs callbacks (and the real
// ingest on a real database), runKafkaConsumer against a fake consumer.
import fs from "node:fs";
import type { EachBatchPayload } from "kafkajs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { readAlertFile } from "../alerts/read-alert-file";
import { loadAlertFixtures } from "../../tests/support/alert-fixtures";
import type { AlertSourceFile } from "./alert-sources";
import { ingestAlertFiles } from "./ingest-alerts";
import {
  arrayAsAsyncIterable,
  handleKafkaBatch,
  type IngestResultLike,
  type KafkaBatchDeps,
  type KafkaBatchLike,
  type KafkaConsumerLike,
  type KafkaMessageLike,
  runKafkaConsumer,
} from "./kafka-source";
import { kafkaConfigSchema, parseKafkaConfig } from "../server/env";

const TOPIC = "ztf_20181129_programid1";

/** Real ZTF alerts from the bundled night, as Kafka messages at offsets first, first+1, ... */
function alertMessages(count: number, firstOffset = 100): KafkaMessageLike[] {
  const fixtures = loadAlertFixtures().filter((f) => f.fixturePath.startsWith("night-2018-11-29/"));
  expect(fixtures.length).toBeGreaterThanOrEqual(count);
  return fixtures.slice(0, count).map((f, i) => ({ offset: String(firstOffset + i), value: fs.readFileSync(f.absolutePath) }));
}

/** An ingest that decodes like the real one (no database) and reports like an IngestSummary. */
function decodeOnly(files: AlertSourceFile[]): IngestResultLike {
  const decoded = files.map((f) => ({ file: f, ...readAlertFile(f.bytes, f.name) }));
  const rejected = decoded.flatMap((d) => d.rejected.map((r) => ({ source: d.file.name, record: r.index, reason: r.reason })));
  const alertsRead = decoded.reduce((n, d) => n + d.alerts.length, 0);
  return { alertsRead, ingested: alertsRead, duplicates: 0, rejected };
}

/** kafkajs-like callbacks that record, in order, everything the handler does. */
function fakeDeps(overrides: Partial<KafkaBatchDeps> = {}) {
  const events: string[] = [];
  const ingested: AlertSourceFile[][] = [];
  const resolved: string[] = [];
  let commits = 0;
  const deps: KafkaBatchDeps = {
    ingest: async (files) => {
      events.push(`ingest ${files.length}`);
      ingested.push(files);
      return decodeOnly(files);
    },
    resolveOffset: (offset) => {
      events.push(`resolve ${offset}`);
      resolved.push(offset);
    },
    commitOffsetsIfNecessary: async () => {
      events.push("commit");
      commits += 1;
    },
    heartbeat: async () => {
      events.push("heartbeat");
    },
    isRunning: () => true,
    isStale: () => false,
    ...overrides,
  };
  return { deps, events, ingested, resolved, commits: () => commits };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setTimeout(r, 10));

describe("kafkaConfigSchema", () => {
  it("reads the brokers, the topic and the defaults", () => {
    const config = kafkaConfigSchema.parse({ KAFKA_BROKERS: "kafka1:9092, kafka2:9093", KAFKA_TOPIC: TOPIC, PATH: "/usr/bin" });
    expect(config).toEqual({
      brokers: ["kafka1:9092", "kafka2:9093"],
      topics: [TOPIC],
      groupId: "cielo-ingest",
      clientId: "cielo",
      fromBeginning: false,
      ssl: false,
      sasl: undefined,
      maxBatch: 500,
    });
  });

  it("takes an anchored topic pattern, SSL and SASL, and treats blank values as unset", () => {
    const config = parseKafkaConfig({
      KAFKA_BROKERS: "[::1]:9094",
      KAFKA_TOPIC: "  ",
      KAFKA_TOPIC_PATTERN: String.raw`ztf_\d{8}_programid1`,
      KAFKA_GROUP_ID: "",
      KAFKA_FROM_BEGINNING: "true",
      KAFKA_SSL: "1",
      KAFKA_SASL_MECHANISM: "SCRAM-SHA-512",
      KAFKA_SASL_USERNAME: "cielo",
      KAFKA_SASL_PASSWORD: "secret",
      KAFKA_MAX_BATCH: "50",
    });
    const [pattern] = config.topics;
    expect(pattern).toBeInstanceOf(RegExp);
    expect((pattern as RegExp).test("ztf_20181129_programid1")).toBe(true);
    expect((pattern as RegExp).test("ztf_20181129_programid1_copy")).toBe(false);
    expect(config).toMatchObject({
      groupId: "cielo-ingest",
      fromBeginning: true,
      ssl: true,
      sasl: { mechanism: "scram-sha-512", username: "cielo", password: "secret" },
      maxBatch: 50,
    });
  });

  it.each([
    [{}, /KAFKA_BROKERS: missing.*; KAFKA_TOPIC: missing/],
    [{ KAFKA_BROKERS: "kafka1", KAFKA_TOPIC: TOPIC }, /KAFKA_BROKERS: "kafka1" is not host:port/],
    [{ KAFKA_BROKERS: "kafka1:99999", KAFKA_TOPIC: TOPIC }, /"kafka1:99999" is not host:port/],
    [{ KAFKA_BROKERS: "k:9092", KAFKA_TOPIC: "ztf alerts" }, /KAFKA_TOPIC: "ztf alerts" is not a Kafka topic name/],
    [{ KAFKA_BROKERS: "k:9092", KAFKA_TOPIC: TOPIC, KAFKA_TOPIC_PATTERN: "ztf_.*" }, /not both/],
    [{ KAFKA_BROKERS: "k:9092", KAFKA_TOPIC_PATTERN: "ztf_(" }, /KAFKA_TOPIC_PATTERN: is not a valid regular expression/],
    [{ KAFKA_BROKERS: "k:9092", KAFKA_TOPIC: TOPIC, KAFKA_FROM_BEGINNING: "yes" }, /KAFKA_FROM_BEGINNING: must be true, false, 1 or 0/],
    [{ KAFKA_BROKERS: "k:9092", KAFKA_TOPIC: TOPIC, KAFKA_MAX_BATCH: "0" }, /KAFKA_MAX_BATCH: must be a whole number from 1 to 100000/],
    [{ KAFKA_BROKERS: "k:9092", KAFKA_TOPIC: TOPIC, KAFKA_MAX_BATCH: "lots" }, /KAFKA_MAX_BATCH: must be a whole number/],
    [
      { KAFKA_BROKERS: "k:9092", KAFKA_TOPIC: TOPIC, KAFKA_SASL_MECHANISM: "gssapi" },
      /KAFKA_SASL_MECHANISM: must be one of plain, scram-sha-256, scram-sha-512/,
    ],
    [{ KAFKA_BROKERS: "k:9092", KAFKA_TOPIC: TOPIC, KAFKA_SASL_MECHANISM: "plain" }, /needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/],
    [{ KAFKA_BROKERS: "k:9092", KAFKA_TOPIC: TOPIC, KAFKA_SASL_USERNAME: "u" }, /KAFKA_SASL_MECHANISM: missing/],
  ])("rejects %j with a message naming the variable", (env, message) => {
    expect(() => parseKafkaConfig(env)).toThrow(message);
    expect(() => parseKafkaConfig(env)).toThrow(/^Invalid Kafka configuration: [^\n]+$/);
  });
});

describe("handleKafkaBatch", () => {
  it("hands real alert bytes to one ingest call and resolves and commits the offsets only after it resolved", async () => {
    const messages = alertMessages(5);
    const pending = deferred<IngestResultLike>();
    const fake = fakeDeps();
    const ingest = fake.deps.ingest;
    fake.deps.ingest = async (files) => {
      const result = await ingest(files);
      await pending.promise;
      return result;
    };

    const handled = handleKafkaBatch({ topic: TOPIC, partition: 3, messages }, fake.deps);
    await flush();
    expect(fake.events).toEqual(["ingest 5"]);
    expect(fake.resolved).toEqual([]);
    expect(fake.commits()).toBe(0);

    pending.resolve({ alertsRead: 0, ingested: 0, duplicates: 0, rejected: [] });
    const outcome = await handled;
    expect(fake.events).toEqual([
      "ingest 5",
      "resolve 100",
      "resolve 101",
      "resolve 102",
      "resolve 103",
      "resolve 104",
      "commit",
      "heartbeat",
    ]);
    expect(outcome).toMatchObject({
      messages: 5,
      committed: 5,
      lastCommittedOffset: "104",
      stoppedEarly: null,
      alertsRead: 5,
      rejected: 0,
    });

    const files = fake.ingested[0]!;
    expect(files.map((f) => f.name)).toEqual(messages.map((m) => `kafka:${TOPIC}/3@${m.offset}`));
    expect(files.map((f) => f.bytes)).toEqual(messages.map((m) => m.value));
  });

  it("resolves and commits nothing when ingest rejects, and rethrows so kafkajs delivers the batch again", async () => {
    const fake = fakeDeps({
      ingest: async () => {
        throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      },
    });
    await expect(handleKafkaBatch({ topic: TOPIC, partition: 0, messages: alertMessages(3) }, fake.deps)).rejects.toThrow(/ECONNREFUSED/);
    expect(fake.resolved).toEqual([]);
    expect(fake.commits()).toBe(0);
  });

  it("passes a null or empty message value to ingest as an empty file, which the decoder rejects with a reason", async () => {
    const [good] = alertMessages(1);
    const messages: KafkaMessageLike[] = [good!, { offset: "101", value: null }, { offset: "102", value: Buffer.alloc(0) }];
    const fake = fakeDeps();
    const outcome = await handleKafkaBatch({ topic: TOPIC, partition: 1, messages }, fake.deps);

    const files = fake.ingested[0]!;
    expect(files).toHaveLength(3);
    expect(files[1]).toEqual({ name: `kafka:${TOPIC}/1@101`, bytes: Buffer.alloc(0) });
    expect(files[2]!.bytes.length).toBe(0);
    expect(readAlertFile(files[1]!.bytes, files[1]!.name).rejected[0]?.reason).toMatch(/empty/);
    // Quarantined by the ingest, so their offsets are committed like the others'.
    expect(outcome).toMatchObject({ alertsRead: 1, rejected: 2, committed: 3, lastCommittedOffset: "102" });
    expect(fake.resolved).toEqual(["100", "101", "102"]);
  });

  it("ingests in chunks of maxBatch and commits after each", async () => {
    const fake = fakeDeps({ maxBatch: 2 });
    const outcome = await handleKafkaBatch({ topic: TOPIC, partition: 0, messages: alertMessages(5) }, fake.deps);
    expect(fake.events).toEqual([
      "ingest 2",
      "resolve 100",
      "resolve 101",
      "commit",
      "heartbeat",
      "ingest 2",
      "resolve 102",
      "resolve 103",
      "commit",
      "heartbeat",
      "ingest 1",
      "resolve 104",
      "commit",
      "heartbeat",
    ]);
    expect(outcome).toMatchObject({ committed: 5, stoppedEarly: null });
  });

  it("stops between chunks when the consumer is stopping, leaving the rest uncommitted", async () => {
    let running = true;
    const fake = fakeDeps({ maxBatch: 2, isRunning: () => running });
    const ingest = fake.deps.ingest;
    fake.deps.ingest = async (files) => {
      running = false; // SIGTERM while the first chunk is being written
      return ingest(files);
    };
    const outcome = await handleKafkaBatch({ topic: TOPIC, partition: 0, messages: alertMessages(5) }, fake.deps);
    expect(fake.events).toEqual(["ingest 2", "resolve 100", "resolve 101", "commit", "heartbeat"]);
    expect(outcome).toMatchObject({ messages: 5, committed: 2, lastCommittedOffset: "101", stoppedEarly: "stopping" });
  });

  it("ingests nothing when the consumer is already stopping", async () => {
    const fake = fakeDeps({ isRunning: () => false });
    const outcome = await handleKafkaBatch({ topic: TOPIC, partition: 0, messages: alertMessages(2) }, fake.deps);
    expect(fake.events).toEqual([]);
    expect(outcome).toMatchObject({ committed: 0, lastCommittedOffset: null, stoppedEarly: "stopping" });
  });

  it("keeps the chunks committed before a failing one, and commits nothing of the failing one", async () => {
    const fake = fakeDeps({ maxBatch: 2 });
    const ingest = fake.deps.ingest;
    fake.deps.ingest = async (files) => {
      if (fake.ingested.length === 1) throw new Error("database went away");
      return ingest(files);
    };
    await expect(handleKafkaBatch({ topic: TOPIC, partition: 0, messages: alertMessages(5) }, fake.deps)).rejects.toThrow(
      "database went away",
    );
    expect(fake.resolved).toEqual(["100", "101"]);
    expect(fake.commits()).toBe(1);
  });

  it("does not move a partition that was seeked (stale) while its chunk was written", async () => {
    let stale = false;
    const fake = fakeDeps({ maxBatch: 2, isStale: () => stale });
    const ingest = fake.deps.ingest;
    fake.deps.ingest = async (files) => {
      stale = true;
      return ingest(files);
    };
    const outcome = await handleKafkaBatch({ topic: TOPIC, partition: 0, messages: alertMessages(4) }, fake.deps);
    expect(fake.events).toEqual(["ingest 2"]);
    expect(outcome).toMatchObject({ committed: 0, stoppedEarly: "stale" });
  });

  it("resolves offsets in ascending numeric order, beyond 2^53 too", async () => {
    const bytes = Buffer.alloc(0);
    const offsets = ["10", "9", "100", "9007199254740993", "9007199254740992", "11"];
    const fake = fakeDeps({ maxBatch: 4 });
    await handleKafkaBatch({ topic: TOPIC, partition: 0, messages: offsets.map((offset) => ({ offset, value: bytes })) }, fake.deps);
    expect(fake.resolved).toEqual(["9", "10", "11", "100", "9007199254740992", "9007199254740993"]);
    expect(fake.ingested.flat().map((f) => f.name.split("@")[1])).toEqual(fake.resolved);
  });
});

describe("runKafkaConsumer (fake kafkajs consumer)", () => {
  const config = parseKafkaConfig({ KAFKA_BROKERS: "kafka:9092", KAFKA_TOPIC: TOPIC, KAFKA_MAX_BATCH: "2" });

  function fakeConsumer() {
    const calls: string[] = [];
    let runConfig: Parameters<KafkaConsumerLike["run"]>[0] | undefined;
    let crash: ((c: { error: Error; restart: boolean }) => void) | undefined;
    const consumer: KafkaConsumerLike = {
      connect: async () => void calls.push("connect"),
      subscribe: async (s) => void calls.push(`subscribe ${s.topics.join(",")} fromBeginning=${s.fromBeginning}`),
      run: async (c) => {
        runConfig = c;
        calls.push(`run autoCommit=${c.autoCommit} eachBatchAutoResolve=${c.eachBatchAutoResolve}`);
      },
      disconnect: async () => void calls.push("disconnect"),
      onCrash: (listener) => {
        crash = listener;
      },
    };
    return { consumer, calls, runConfig: () => runConfig, crash: (c: { error: Error; restart: boolean }) => crash?.(c) };
  }

  /** A kafkajs EachBatchPayload around `messages`, recording what the handler calls. */
  function payload(messages: KafkaMessageLike[]) {
    const calls: string[] = [];
    const resolved: string[] = [];
    const batch: KafkaBatchLike & { firstOffset(): string | null; lastOffset(): string } = {
      topic: TOPIC,
      partition: 7,
      messages,
      firstOffset: () => messages[0]?.offset ?? null,
      lastOffset: () => messages[messages.length - 1]?.offset ?? "-1",
    };
    const p = {
      batch,
      resolveOffset: (offset: string) => void resolved.push(offset),
      heartbeat: async () => undefined,
      isRunning: () => true,
      isStale: () => false,
      uncommittedOffsets: () => ({
        topics: [{ topic: TOPIC, partitions: [{ partition: 7, offset: String(Number(resolved.at(-1)) + 1) }] }],
      }),
      commitOffsetsIfNecessary: async (offsets?: unknown) => void calls.push(`commit ${JSON.stringify(offsets)}`),
    };
    return { payload: p as unknown as EachBatchPayload, calls, resolved };
  }

  it("subscribes with autoCommit and auto-resolve off, commits explicit offsets per chunk, and stops on a signal", async () => {
    const fake = fakeConsumer();
    const lines: string[] = [];
    const ingested: number[] = [];
    const running = runKafkaConsumer(config, {
      createConsumer: () => fake.consumer,
      log: (line) => lines.push(line),
      stopSignals: ["SIGUSR2"],
      ingest: async (files) => {
        ingested.push(files.length);
        return decodeOnly(files);
      },
    });
    await flush();
    expect(fake.calls).toEqual(["connect", `subscribe ${TOPIC} fromBeginning=false`, "run autoCommit=false eachBatchAutoResolve=false"]);

    const batch = payload([...alertMessages(3), { offset: "103", value: null }]);
    await fake.runConfig()!.eachBatch(batch.payload);
    expect(ingested).toEqual([2, 2]);
    expect(batch.resolved).toEqual(["100", "101", "102", "103"]);
    // With autoCommit off, commitOffsetsIfNecessary() alone commits nothing: the offsets are passed.
    expect(batch.calls).toEqual([
      `commit {"topics":[{"topic":"${TOPIC}","partitions":[{"partition":7,"offset":"102"}]}]}`,
      `commit {"topics":[{"topic":"${TOPIC}","partitions":[{"partition":7,"offset":"104"}]}]}`,
    ]);
    expect(lines.some((l) => l.startsWith(`${TOPIC}/7@100..103: 4 messages, 3 ingested, 0 duplicates, 1 rejected`))).toBe(true);

    process.emit("SIGUSR2", "SIGUSR2");
    await running;
    expect(fake.calls.at(-1)).toBe("disconnect");
    expect(process.listenerCount("SIGUSR2")).toBe(0);
  });

  it("rethrows an ingest failure to kafkajs and logs that the batch will come again", async () => {
    const fake = fakeConsumer();
    const lines: string[] = [];
    const abort = new AbortController();
    const running = runKafkaConsumer(config, {
      createConsumer: () => fake.consumer,
      log: (line) => lines.push(line),
      stopSignals: [],
      abortSignal: abort.signal,
      ingest: async () => {
        throw new Error("database is down");
      },
    });
    await flush();
    const batch = payload(alertMessages(2));
    await expect(fake.runConfig()!.eachBatch(batch.payload)).rejects.toThrow("database is down");
    expect(batch.resolved).toEqual([]);
    expect(batch.calls).toEqual([]);
    expect(lines.at(-1)).toMatch(/not committed, will be delivered again: database is down/);
    abort.abort();
    await running;
  });

  it("rejects when kafkajs gives up on the consumer, and only logs when kafkajs restarts it", async () => {
    const fake = fakeConsumer();
    const lines: string[] = [];
    const running = runKafkaConsumer(config, {
      createConsumer: () => fake.consumer,
      log: (line) => lines.push(line),
      stopSignals: [],
      ingest: async (files) => decodeOnly(files),
    });
    await flush();
    fake.crash({ error: new Error("Connection timeout"), restart: true });
    expect(lines.at(-1)).toMatch(/kafkajs restarts it/);
    fake.crash({ error: new Error("SASL authentication failed"), restart: false });
    await expect(running).rejects.toThrow("Kafka consumer stopped: SASL authentication failed");
  });

  it("rejects when the broker cannot be reached at start", async () => {
    const fake = fakeConsumer();
    fake.consumer.connect = async () => {
      throw new Error("Connection error: connect ECONNREFUSED");
    };
    await expect(
      runKafkaConsumer(config, {
        createConsumer: () => fake.consumer,
        log: () => undefined,
        stopSignals: [],
        ingest: async (f) => decodeOnly(f),
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
    expect(fake.calls).toEqual(["disconnect"]);
  });
});

describe("redelivery against the real ingest and database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  const count = async (table: string) => (await db.pool.query<{ n: number }>(`select count(*)::int as n from "${table}"`)).rows[0]!.n;

  it("commits nothing when the database cannot be reached", async () => {
    const down = new pg.Pool({ connectionString: "postgresql://cielo@127.0.0.1:1/cielo", connectionTimeoutMillis: 2000 });
    try {
      const fake = fakeDeps({ ingest: (files) => ingestAlertFiles(down, arrayAsAsyncIterable(files), { batchSize: files.length }) });
      await expect(handleKafkaBatch({ topic: TOPIC, partition: 0, messages: alertMessages(3) }, fake.deps)).rejects.toThrow(/ECONNREFUSED/);
      expect(fake.resolved).toEqual([]);
      expect(fake.commits()).toBe(0);
    } finally {
      await down.end();
    }
  });

  it("writes nothing twice when a batch comes again after a crash before the commit", async () => {
    const messages = [...alertMessages(8), { offset: "108", value: null }];
    const batch: KafkaBatchLike = { topic: TOPIC, partition: 0, messages };
    const ingest = (files: AlertSourceFile[]) => ingestAlertFiles(db.pool, arrayAsAsyncIterable(files), { batchSize: files.length });

    // First delivery: the alerts are written, then the broker connection drops before the commit.
    const first = fakeDeps({
      ingest,
      commitOffsetsIfNecessary: async () => {
        throw new Error("The coordinator is not aware of this member");
      },
    });
    await expect(handleKafkaBatch(batch, first.deps)).rejects.toThrow(/coordinator/);
    const afterFirst = { alert_packet: await count("alert_packet"), detection: await count("detection"), object: await count("object") };
    expect(afterFirst.alert_packet).toBe(8);
    expect(afterFirst.detection).toBeGreaterThanOrEqual(8);
    const { rows } = await db.pool.query<{ source: string }>("select source from alert_packet order by candid limit 1");
    expect(rows[0]!.source).toMatch(new RegExp(`^kafka:${TOPIC}/0@10[0-7]$`));

    // Redelivery from the last committed offset: same messages, now committed, no new rows.
    const second = fakeDeps({ ingest });
    const outcome = await handleKafkaBatch(batch, second.deps);
    expect(outcome).toMatchObject({
      messages: 9,
      committed: 9,
      lastCommittedOffset: "108",
      alertsRead: 8,
      ingested: 0,
      duplicates: 8,
      rejected: 1,
    });
    expect(second.resolved).toEqual(messages.map((m) => m.offset));
    expect({ alert_packet: await count("alert_packet"), detection: await count("detection"), object: await count("object") }).toEqual(
      afterFirst,
    );
  });
});
