// The delivery worker's pass over the outbox (`delivery` rows written with the matches in the
// ingest transaction): due rows are leased, built into messages and sent — webhooks signed with
// HMAC-SHA256, Kafka through a producer — then marked delivered, or retried with exponential
// backoff, or after the last attempt moved to the dead-letter list (status dead). Nothing here runs
// inside an ingest transaction, so a slow or dead receiver never holds up ingest.
import type pg from "pg";
import type { Logger } from "../../server/logger";
import { buildAlertMessage } from "./alert-message";
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, signWebhookBody } from "./webhook-signature";

/** Sends Kafka messages (kafka-publisher.ts wraps kafkajs); absent = Kafka destinations wait. */
export interface KafkaPublisher {
  send(topic: string, messages: { key: string; value: string }[]): Promise<void>;
}

export interface DeliveryOptions {
  log: Logger;
  /** The clock (tests move it forward instead of sleeping through the backoff). */
  now?: () => Date;
  fetch?: typeof fetch;
  kafka?: KafkaPublisher;
  /** Attempts before a delivery goes to the dead-letter list (default 8: about 21 minutes of retries). */
  maxAttempts?: number;
  /** Wait after the n-th failed attempt (default 5 s × 2^(n−1), at most an hour). */
  backoffMs?: (attempt: number) => number;
  /** Deliveries leased per pass (default 50). */
  batch?: number;
  /** Per-request timeout of a webhook (default 10 s). */
  timeoutMs?: number;
}

export interface DeliveryPassOutcome {
  delivered: number;
  retried: number;
  dead: number;
}

/** A leased delivery holds off other workers for this long (longer than a request may take). */
const LEASE_MS = 60_000;
const defaultBackoffMs = (attempt: number) => Math.min(3_600_000, 5000 * 2 ** (attempt - 1));

interface LeasedDelivery {
  destination_id: string;
  candid: string;
  attempts: number;
  kind: "webhook" | "kafka";
  target: string;
  secret: string | null;
  stream_kind: "filter" | "watchlist";
  stream_id: string;
  stream_name: string;
}

export async function runDeliveryPass(pool: pg.Pool, options: DeliveryOptions): Promise<DeliveryPassOutcome> {
  const now = options.now?.() ?? new Date();
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffMs = options.backoffMs ?? defaultBackoffMs;
  const kinds = options.kafka ? ["webhook", "kafka"] : ["webhook"];
  const { rows } = await pool.query<LeasedDelivery>(
    `WITH due AS (
       SELECT d.destination_id, d.candid FROM delivery d JOIN stream_destination s ON s.id = d.destination_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND s.kind = ANY($3::text[])
        ORDER BY d.next_attempt_at LIMIT $2 FOR UPDATE OF d SKIP LOCKED
     ), leased AS (
       UPDATE delivery d SET next_attempt_at = $1::timestamptz + make_interval(secs => $4::float8 / 1000)
         FROM due WHERE d.destination_id = due.destination_id AND d.candid = due.candid
       RETURNING d.destination_id, d.candid, d.attempts
     )
     SELECT l.destination_id::text AS destination_id, l.candid::text AS candid, l.attempts, s.kind, s.target, s.secret,
            CASE WHEN s.filter_id IS NOT NULL THEN 'filter' ELSE 'watchlist' END AS stream_kind,
            coalesce(s.filter_id, s.watchlist_id)::text AS stream_id, coalesce(f.name, w.name, '') AS stream_name
       FROM leased l JOIN stream_destination s ON s.id = l.destination_id
       LEFT JOIN stream_filter f ON f.id = s.filter_id LEFT JOIN watchlist w ON w.id = s.watchlist_id`,
    [now, options.batch ?? 50, kinds, LEASE_MS],
  );
  const outcome: DeliveryPassOutcome = { delivered: 0, retried: 0, dead: 0 };
  await Promise.all(
    rows.map(async (delivery) => {
      let error: string | null = null;
      try {
        await send(pool, delivery, options, now);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      if (error === null) {
        await pool.query(
          "UPDATE delivery SET status = 'delivered', attempts = attempts + 1, delivered_at = $3, last_error = NULL WHERE destination_id = $1 AND candid = $2",
          [delivery.destination_id, delivery.candid, now],
        );
        outcome.delivered += 1;
        return;
      }
      const attempts = delivery.attempts + 1;
      const dead = attempts >= maxAttempts;
      await pool.query(
        `UPDATE delivery SET attempts = $3, last_error = $4, status = $5, next_attempt_at = $6 WHERE destination_id = $1 AND candid = $2`,
        [
          delivery.destination_id,
          delivery.candid,
          attempts,
          error.slice(0, 500),
          dead ? "dead" : "pending",
          new Date(now.getTime() + backoffMs(attempts)),
        ],
      );
      if (dead) {
        outcome.dead += 1;
        options.log.warn(
          { destination: delivery.destination_id, candid: delivery.candid, attempts, err: error },
          "delivery gave up: dead-letter list",
        );
      } else outcome.retried += 1;
    }),
  );
  return outcome;
}

async function send(pool: pg.Pool, delivery: LeasedDelivery, options: DeliveryOptions, now: Date): Promise<void> {
  const message = await buildAlertMessage(pool, {
    destinationId: delivery.destination_id,
    candid: delivery.candid,
    stream: { kind: delivery.stream_kind, id: delivery.stream_id, name: delivery.stream_name },
  });
  if (!message) throw new Error(`alert ${delivery.candid} is no longer stored`);
  const body = JSON.stringify(message);
  if (delivery.kind === "kafka") {
    if (!options.kafka) throw new Error("Kafka delivery is off (CIELO_STREAMS_KAFKA_BROKERS unset)");
    await options.kafka.send(delivery.target, [{ key: message.idempotency_key, value: body }]);
    return;
  }
  const response = await (options.fetch ?? fetch)(delivery.target, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [SIGNATURE_HEADER]: signWebhookBody(delivery.secret ?? "", body, Math.floor(now.getTime() / 1000)),
      [IDEMPOTENCY_HEADER]: message.idempotency_key,
      "user-agent": "Cielo-Streams/1",
    },
    body,
    redirect: "manual",
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) throw new Error(`the receiver answered HTTP ${response.status}`);
}
