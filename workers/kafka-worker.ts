// The Kafka worker: a separate Node process on the same database as the app. It consumes ZTF alerts
// from a Kafka topic (KAFKA_BROKERS, KAFKA_TOPIC or KAFKA_TOPIC_PATTERN, ...; see docs/kafka.md) and
// ingests each batch before committing its offsets. Run several in the same KAFKA_GROUP_ID to share
// the topic's partitions. SIGTERM / SIGINT: finish the current batch, commit, leave the group, exit 0.
import { loadCurrentLcClassifier } from "../lib/classifiers/lc/lc-classifier";
import { loadCurrentStampClassifier } from "../lib/classifiers/stamp/stamp-classifier";
import { runLightcurvePass } from "../lib/ingest/classify-lightcurves";
import { ingestAlertFiles } from "../lib/ingest/ingest-alerts";
import {
  arrayAsAsyncIterable,
  describeTopics,
  type KafkaConsumerConfig,
  parseKafkaConfig,
  runKafkaConsumer,
} from "../lib/ingest/kafka-source";
import { createDb } from "../lib/server/db";
import { createLogger } from "../lib/server/logger";
import { openDatabase } from "../lib/server/open-database";

const logger = createLogger("kafka");
const log = (line: string) => logger.info(line);

let config: KafkaConsumerConfig;
try {
  // Before anything is started: a missing or bad KAFKA_* variable is one line and exit code 1.
  config = parseKafkaConfig(process.env);
} catch (error) {
  logger.fatal((error as Error).message);
  process.exit(1);
}

let database: Awaited<ReturnType<typeof openDatabase>>;
try {
  database = await openDatabase({ log });
} catch (error) {
  logger.fatal(`cannot open the database: ${(error as Error).message.replace(/\s*\n\s*/g, " ")}`);
  process.exit(1);
}
const db = createDb(database.url, { maxConnections: 4 });
const stampClassifier = await loadCurrentStampClassifier(log);
const lcClassifier = await loadCurrentLcClassifier(log);

// Light-curve classification is debounced: at most one pass per LC_PASS_INTERVAL_MS, after a batch,
// so a busy stream does not re-fit the same objects alert after alert.
const LC_PASS_INTERVAL_MS = 60_000;
let lastLcPass = 0;
async function lightcurvePassIfDue(): Promise<void> {
  if (Date.now() - lastLcPass < LC_PASS_INTERVAL_MS) return;
  lastLcPass = Date.now();
  await runLightcurvePass(db.pool, lcClassifier, log, { maxObjects: 1000 });
}

log(
  `starting: ${describeTopics(config)} from ${config.brokers.join(",")}, group ${config.groupId}, up to ${config.maxBatch} alerts per transaction`,
);
let exitCode = 0;
try {
  await runKafkaConsumer(config, {
    log,
    // One transaction for the whole chunk handed over by the consumer (at most KAFKA_MAX_BATCH messages).
    ingest: async (files) => {
      const summary = await ingestAlertFiles(db.pool, arrayAsAsyncIterable(files), {
        batchSize: Math.max(1, files.length),
        stampClassifier,
      });
      await lightcurvePassIfDue();
      return summary;
    },
  });
} catch (error) {
  logger.error({ err: error }, "the consumer stopped");
  exitCode = 1;
}
await stampClassifier?.close();
await lcClassifier?.close();
await db.close();
await database.server.stop();
log("stopped");
process.exit(exitCode);
