// The delivery worker (docs/streams.md): a separate process that sends the matches of users'
// filters and watchlists to their webhooks and Kafka topics, from the outbox the ingest step writes.
// Being its own process, a slow or dead receiver never holds up ingest. SIGTERM / SIGINT: finish
// the current pass, exit 0.
import { createDb } from "../lib/server/db";
import { getEnv } from "../lib/server/env";
import { createLogger } from "../lib/server/logger";
import { openDatabase } from "../lib/server/open-database";
import { createKafkaPublisher, type KafkaPublisherHandle } from "../lib/streams/delivery/kafka-publisher";
import { runDeliveryPass } from "../lib/streams/delivery/run-delivery-pass";

/** Pause between passes when nothing was due (a match waits at most this long for its first send). */
const IDLE_MS = 1000;

const log = createLogger("delivery");
const env = getEnv();
const database = await openDatabase();
const db = createDb(database.url, { maxConnections: 4 });
let kafka: KafkaPublisherHandle | undefined;
if (env.CIELO_STREAMS_KAFKA_BROKERS) {
  try {
    kafka = await createKafkaPublisher(env.CIELO_STREAMS_KAFKA_BROKERS);
  } catch (error) {
    log.error({ err: error instanceof Error ? error.message : String(error) }, "Kafka destinations are off: the brokers cannot be reached");
  }
}

let stopping = false;
let wake: (() => void) | undefined;
const stop = () => {
  stopping = true;
  wake?.();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

log.info({ kafka: kafka !== undefined }, "delivery worker started");
while (!stopping) {
  let busy = false;
  try {
    const outcome = await runDeliveryPass(db.pool, { log, kafka });
    busy = outcome.delivered + outcome.retried + outcome.dead > 0;
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, "delivery pass failed (retried)");
  }
  if (!busy && !stopping) await new Promise<void>((resolve) => setTimeout((wake = resolve), IDLE_MS));
}
await kafka?.close().catch(() => undefined);
await db.close();
await database.server.stop();
