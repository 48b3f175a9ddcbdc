// The Kafka worker: a separate Node process on the same database as the app, a source adapter over
// the worker runtime (workers/runtime.ts). It consumes ZTF alerts from a Kafka topic (KAFKA_BROKERS,
// KAFKA_TOPIC or KAFKA_TOPIC_PATTERN, ...; see docs/kafka.md) and ingests each chunk before committing
// its offsets. Run several in the same KAFKA_GROUP_ID to share the topic's partitions.
// SIGTERM / SIGINT: finish the current chunk, commit, leave the group, exit 0.
import { type KafkaConsumerConfig, parseKafkaConfig } from "../lib/server/env";
import { createLogger } from "../lib/server/logger";
import { consumeKafka } from "./kafka-adapter";
import { runWorker } from "./runtime";

/** Before anything is started: a missing or bad KAFKA_* variable is one line and exit code 1. */
function kafkaConfigOrExit(): KafkaConsumerConfig {
  try {
    return parseKafkaConfig(process.env);
  } catch (error) {
    createLogger("kafka").fatal((error as Error).message);
    process.exit(1);
  }
}

const config = kafkaConfigOrExit();
await runWorker({ kind: "kafka", logName: "kafka" }, (runtime) => consumeKafka(runtime, config));
