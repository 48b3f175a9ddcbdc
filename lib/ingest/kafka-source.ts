// Alerts from a Kafka topic (ZTF's alert stream, or a broker's re-stream of it): one Kafka message
// = one Avro container file = one alert. Offsets are committed only after the alerts of a batch are
// in the database, so a crash or a database outage means redelivery (at-least-once), never loss;
// ingestion is idempotent by candid, so redelivery writes nothing twice. See docs/kafka.md.
// The KAFKA_* settings are parsed by lib/server/env.ts (parseKafkaConfig).
import { type EachBatchPayload, Kafka, type LogEntry, logLevel, type SASLOptions } from "kafkajs";
import type { KafkaConsumerConfig } from "../server/env";
import type { AlertSourceFile } from "./alert-sources";
import type { IngestSummary } from "./ingest-alerts";

export type { KafkaConsumerConfig } from "../server/env";

/** How the subscription reads in logs: `ztf_20181129_programid1` or `/^(?:ztf_.*_programid1)$/`. */
export function describeTopics(config: Pick<KafkaConsumerConfig, "topics">): string {
  return config.topics.map(String).join(", ");
}

// ---------------------------------------------------------------------------------------------
// One batch

/** The part of a kafkajs message the ingest needs. */
export interface KafkaMessageLike {
  offset: string;
  value: Buffer | null;
}

/** The part of a kafkajs `Batch` the ingest needs: the messages of one topic partition. */
export interface KafkaBatchLike {
  topic: string;
  partition: number;
  messages: readonly KafkaMessageLike[];
}

/** What `ingest` reports back (an `IngestSummary` fits). */
export type IngestResultLike = Pick<IngestSummary, "alertsRead" | "ingested" | "duplicates"> & { rejected: readonly unknown[] };

export interface KafkaBatchDeps {
  /** Writes the alerts; resolves once they are durably stored (or quarantined), rejects when they are not. */
  ingest(files: AlertSourceFile[]): Promise<IngestResultLike>;
  resolveOffset(offset: string): void;
  /** Commits the resolved offsets. */
  commitOffsetsIfNecessary(): Promise<void>;
  heartbeat(): Promise<void>;
  isRunning(): boolean;
  isStale(): boolean;
  /** Messages per `ingest` call (KAFKA_MAX_BATCH); default: the whole batch in one call. */
  maxBatch?: number;
}

export interface KafkaBatchOutcome {
  messages: number;
  /** Messages ingested, resolved and committed. */
  committed: number;
  /** Highest committed offset of the batch, or null when nothing was. */
  lastCommittedOffset: string | null;
  /** Why the batch ended before its last message: the consumer is stopping, or the partition was seeked. */
  stoppedEarly: "stopping" | "stale" | null;
  alertsRead: number;
  ingested: number;
  duplicates: number;
  rejected: number;
}

/** The source name a message is stored under (alert_packet.source, quarantine.source). */
export function kafkaSourceName(topic: string, partition: number, offset: string): string {
  return `kafka:${topic}/${partition}@${offset}`;
}

/**
 * A message as an alert file. A null (tombstone) or empty value stays in the batch as an empty
 * file: the decoder rejects it with a reason and the ingest quarantines it.
 */
export function kafkaMessageToAlertFile(topic: string, partition: number, message: KafkaMessageLike): AlertSourceFile {
  return { name: kafkaSourceName(topic, partition, message.offset), bytes: message.value ?? Buffer.alloc(0) };
}

const byOffset = (a: KafkaMessageLike, b: KafkaMessageLike) => {
  const x = BigInt(a.offset);
  const y = BigInt(b.offset);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * Ingests one kafkajs batch (run with autoCommit and eachBatchAutoResolve off). The messages go to
 * `ingest` in chunks of `maxBatch`; a chunk's offsets are resolved (ascending) and committed only
 * after `ingest` resolved. When `ingest` rejects (database down...), nothing of that chunk is
 * resolved or committed and the error is rethrown, so kafkajs delivers the messages again. Between
 * chunks the batch stops, uncommitted, when the consumer is stopping or the partition was seeked.
 */
export async function handleKafkaBatch(batch: KafkaBatchLike, deps: KafkaBatchDeps): Promise<KafkaBatchOutcome> {
  const messages = [...batch.messages].sort(byOffset);
  const chunkSize = Math.max(1, Math.floor(deps.maxBatch ?? messages.length) || 1);
  const outcome: KafkaBatchOutcome = {
    messages: messages.length,
    committed: 0,
    lastCommittedOffset: null,
    stoppedEarly: null,
    alertsRead: 0,
    ingested: 0,
    duplicates: 0,
    rejected: 0,
  };
  for (let start = 0; start < messages.length; start += chunkSize) {
    if (!deps.isRunning()) {
      outcome.stoppedEarly = "stopping";
      break;
    }
    if (deps.isStale()) {
      outcome.stoppedEarly = "stale";
      break;
    }
    const chunk = messages.slice(start, start + chunkSize);
    const result = await deps.ingest(chunk.map((m) => kafkaMessageToAlertFile(batch.topic, batch.partition, m)));
    outcome.alertsRead += result.alertsRead;
    outcome.ingested += result.ingested;
    outcome.duplicates += result.duplicates;
    outcome.rejected += result.rejected.length;
    // Seeked while we were writing: the partition's position is no longer ours to move. What was
    // written stays written (and is a duplicate if it comes again).
    if (deps.isStale()) {
      outcome.stoppedEarly = "stale";
      break;
    }
    for (const message of chunk) deps.resolveOffset(message.offset);
    await deps.commitOffsetsIfNecessary();
    outcome.committed += chunk.length;
    outcome.lastCommittedOffset = chunk[chunk.length - 1]?.offset ?? outcome.lastCommittedOffset;
    await deps.heartbeat();
  }
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// The consumer

/** The few kafkajs Consumer calls the runner makes (a fake stands in for it in tests). */
export interface KafkaConsumerLike {
  connect(): Promise<void>;
  subscribe(subscription: { topics: (string | RegExp)[]; fromBeginning: boolean }): Promise<void>;
  run(config: { autoCommit: false; eachBatchAutoResolve: false; eachBatch: (payload: EachBatchPayload) => Promise<void> }): Promise<void>;
  disconnect(): Promise<void>;
  /** Called when kafkajs gives up on the consumer; `restart` says whether kafkajs restarts it itself. */
  onCrash(listener: (crash: { error: Error; restart: boolean }) => void): void;
}

export interface KafkaConsumerDeps {
  ingest(files: AlertSourceFile[]): Promise<IngestResultLike>;
  log(line: string): void;
  /** Default: a kafkajs consumer for `config`. */
  createConsumer?: (config: KafkaConsumerConfig, log: (line: string) => void) => KafkaConsumerLike;
  /** Process signals that stop the consumer gracefully; default SIGTERM and SIGINT. */
  stopSignals?: readonly NodeJS.Signals[];
  /** Stops the consumer gracefully when aborted (for embedding and tests). */
  abortSignal?: AbortSignal;
  /** After each batch handed over by kafkajs (committed or not): how far its partition is behind (worker_status lag). */
  onPartitionLag?: (lag: KafkaPartitionLag) => void;
}

/** How far one partition is behind, as seen at the end of a batch. */
export interface KafkaPartitionLag {
  topic: string;
  partition: number;
  /** Messages in the partition after the last committed one (kafkajs offsetLag + the batch's uncommitted messages). */
  messagesBehind: number;
  /**
   * When the oldest message still to be ingested was written to Kafka, as far as this batch shows:
   * the first uncommitted message's timestamp, or, when the batch was all committed but the
   * partition has more, the batch's last message's (a lower bound of the next one's). Null when caught up.
   */
  oldestPendingAt: Date | null;
}

/** The partition lag after `outcome`, from the kafkajs batch's high watermark (offsetLag) and message timestamps. */
export function partitionLag(
  batch: KafkaBatchLike & { offsetLag(): string; messages: readonly (KafkaMessageLike & { timestamp?: string })[] },
  outcome: Pick<KafkaBatchOutcome, "committed">,
): KafkaPartitionLag {
  const messages = [...batch.messages].sort(byOffset);
  const uncommitted = messages.slice(outcome.committed);
  const messagesBehind = Number(batch.offsetLag()) + uncommitted.length;
  const pending = uncommitted[0] ?? (messagesBehind > 0 ? messages[messages.length - 1] : undefined);
  const timestampMs = Number(pending?.timestamp);
  return {
    topic: batch.topic,
    partition: batch.partition,
    messagesBehind,
    oldestPendingAt: pending && Number.isFinite(timestampMs) && timestampMs > 0 ? new Date(timestampMs) : null,
  };
}

const KAFKAJS_LEVELS: Record<number, string> = {
  [logLevel.ERROR]: "error",
  [logLevel.WARN]: "warn",
  [logLevel.INFO]: "info",
  [logLevel.DEBUG]: "debug",
};

function saslOptions(sasl: KafkaConsumerConfig["sasl"]): SASLOptions | undefined {
  if (!sasl) return undefined;
  const { username, password } = sasl;
  switch (sasl.mechanism) {
    case "plain":
      return { mechanism: "plain", username, password };
    case "scram-sha-256":
      return { mechanism: "scram-sha-256", username, password };
    case "scram-sha-512":
      return { mechanism: "scram-sha-512", username, password };
  }
}

/** A kafkajs consumer for `config`, its own log lines sent to `log`. */
export function createKafkaConsumer(config: KafkaConsumerConfig, log: (line: string) => void): KafkaConsumerLike {
  const kafka = new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    ssl: config.ssl,
    sasl: saslOptions(config.sasl),
    logLevel: logLevel.INFO,
    logCreator:
      () =>
      ({ namespace, level, log: entry }: LogEntry) => {
        const error = typeof entry.error === "string" ? ` (${entry.error})` : "";
        log(`kafkajs ${KAFKAJS_LEVELS[level] ?? level} ${namespace}: ${entry.message}${error}`);
      },
  });
  const consumer = kafka.consumer({ groupId: config.groupId });
  return {
    connect: () => consumer.connect(),
    subscribe: (subscription) => consumer.subscribe(subscription),
    run: (runConfig) => consumer.run(runConfig),
    disconnect: () => consumer.disconnect(),
    onCrash: (listener) => {
      consumer.on(consumer.events.CRASH, (event) => listener({ error: event.payload.error, restart: event.payload.restart }));
    },
  };
}

/**
 * Consumes `config.topics` until SIGTERM/SIGINT (or `abortSignal`): kafkajs consumer in group
 * `config.groupId`, autoCommit and eachBatchAutoResolve off, each batch through handleKafkaBatch.
 * A stop lets the current chunk finish and commit, then leaves the group and disconnects; the
 * promise resolves then. It rejects when the consumer cannot start or crashes for good (kafkajs
 * restarts it by itself after retriable errors, such as an ingest that keeps failing).
 */
export function runKafkaConsumer(config: KafkaConsumerConfig, deps: KafkaConsumerDeps): Promise<void> {
  const { log } = deps;
  const consumer = (deps.createConsumer ?? createKafkaConsumer)(config, log);
  const signals = deps.stopSignals ?? (["SIGTERM", "SIGINT"] as const);

  return new Promise<void>((resolve, reject) => {
    let stopping = false;
    const cleanup = () => {
      for (const signal of signals) process.off(signal, onSignal);
      deps.abortSignal?.removeEventListener("abort", onAbort);
    };
    const stop = (reason: string) => {
      if (stopping) return;
      stopping = true;
      cleanup();
      log(`${reason}: stopping after the current batch`);
      consumer.disconnect().then(resolve, reject);
    };
    const fail = (error: Error) => {
      if (stopping) return;
      stopping = true;
      cleanup();
      consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => reject(error));
    };
    function onSignal(signal: NodeJS.Signals) {
      stop(signal);
    }
    function onAbort() {
      stop("aborted");
    }
    for (const signal of signals) process.on(signal, onSignal);
    if (deps.abortSignal?.aborted) {
      stopping = true;
      cleanup();
      resolve();
      return;
    }
    deps.abortSignal?.addEventListener("abort", onAbort);

    consumer.onCrash(({ error, restart }) => {
      if (restart) log(`consumer crashed (${error.message}); kafkajs restarts it, from the last committed offsets`);
      else fail(new Error(`Kafka consumer stopped: ${error.message}`, { cause: error }));
    });

    const eachBatch = async (payload: EachBatchPayload) => {
      const { batch } = payload;
      const where = `${batch.topic}/${batch.partition}@${batch.firstOffset() ?? "?"}..${batch.lastOffset()}`;
      try {
        const outcome = await handleKafkaBatch(batch, {
          ingest: deps.ingest,
          resolveOffset: payload.resolveOffset,
          // With autoCommit off, commitOffsetsIfNecessary() without offsets commits nothing:
          // hand it the offsets resolved so far.
          commitOffsetsIfNecessary: () => payload.commitOffsetsIfNecessary(payload.uncommittedOffsets()),
          heartbeat: payload.heartbeat,
          isRunning: payload.isRunning,
          isStale: payload.isStale,
          maxBatch: config.maxBatch,
        });
        const early = outcome.stoppedEarly
          ? `, stopped early (${outcome.stoppedEarly}) after ${outcome.committed}/${outcome.messages}`
          : "";
        log(
          `${where}: ${outcome.messages} messages, ${outcome.ingested} ingested, ${outcome.duplicates} duplicates, ${outcome.rejected} rejected${early}`,
        );
        deps.onPartitionLag?.(partitionLag(batch, outcome));
      } catch (error) {
        log(`${where}: not committed, will be delivered again: ${(error as Error).message}`);
        deps.onPartitionLag?.(partitionLag(batch, { committed: 0 }));
        throw error;
      }
    };

    (async () => {
      await consumer.connect();
      await consumer.subscribe({ topics: config.topics, fromBeginning: config.fromBeginning });
      if (stopping) return;
      await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch });
      log(`consuming ${describeTopics(config)} from ${config.brokers.join(",")} as group ${config.groupId}`);
    })().catch((error: Error) => fail(error));
  });
}

/** An array as the AsyncIterable that ingestAlertFiles reads. */
export async function* arrayAsAsyncIterable<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}
