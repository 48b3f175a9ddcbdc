// The Kafka source adapter: runs the consumer (lib/ingest/kafka-source.ts) over a worker runtime.
// Each chunk of at most KAFKA_MAX_BATCH messages is one ingest (one transaction), committed after it;
// the partitions' lag goes into the worker_status row (backlog = messages behind, lag = age of the
// oldest pending message), so /api/health shows the Kafka worker beside the inbox worker.
import {
  arrayAsAsyncIterable,
  describeTopics,
  type KafkaConsumerDeps,
  type KafkaPartitionLag,
  runKafkaConsumer,
} from "../lib/ingest/kafka-source";
import type { KafkaConsumerConfig } from "../lib/server/env";
import type { WorkerRuntime } from "./runtime";

/** Debounced steps (the light-curve classifier): at most one pass this often, after a batch, so a busy stream does not re-fit the same objects alert after alert. */
const DEBOUNCED_PASS_EVERY_MS = 60_000;
const DEBOUNCED_PASS_MAX_OBJECTS = 1000;

/** Consumes until the runtime is asked to stop; rejects when the consumer cannot start or crashes for good. */
export async function consumeKafka(
  runtime: WorkerRuntime,
  config: KafkaConsumerConfig,
  options: Pick<KafkaConsumerDeps, "createConsumer"> = {},
): Promise<void> {
  const log = (line: string) => runtime.log.info(line);
  const lags = new Map<string, KafkaPartitionLag>();
  const onPartitionLag = (lag: KafkaPartitionLag) => {
    lags.set(`${lag.topic}/${lag.partition}`, lag);
    let behind = 0;
    let oldest: Date | null = null;
    for (const partition of lags.values()) {
      behind += partition.messagesBehind;
      if (partition.oldestPendingAt && (!oldest || partition.oldestPendingAt < oldest)) oldest = partition.oldestPendingAt;
    }
    runtime.setBacklog(behind, oldest);
    void runtime.heartbeat();
  };

  let lastPass = 0;
  const passIfDue = async () => {
    if (Date.now() - lastPass < DEBOUNCED_PASS_EVERY_MS) return;
    lastPass = Date.now();
    await runtime.runDebouncedPass({ maxObjects: DEBOUNCED_PASS_MAX_OBJECTS });
  };

  log(
    `starting: ${describeTopics(config)} from ${config.brokers.join(",")}, group ${config.groupId}, up to ${config.maxBatch} alerts per transaction`,
  );
  runtime.setBacklog(0, null);
  await runtime.heartbeat();
  await runKafkaConsumer(config, {
    log,
    ...options,
    // The runtime owns the signals; it aborts the consumer, which finishes the current chunk first.
    stopSignals: [],
    abortSignal: runtime.stopSignal,
    onPartitionLag,
    // One transaction for the whole chunk handed over by the consumer (at most KAFKA_MAX_BATCH messages).
    ingest: async (files) => {
      // The chunk is committed to Kafka once this resolves: never stop half-way through it.
      const summary = await runtime.ingest(arrayAsAsyncIterable(files), { batchSize: Math.max(1, files.length), shouldStop: () => false });
      await passIfDue();
      return summary;
    },
  });
}
