import path from "node:path";
import { z } from "zod";

/** Every environment variable Cielo reads, parsed once; a bad value stops the process with a readable message. */
const envSchema = z.object({
  DATABASE_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL")
      .optional(),
  ),
  /** Port of the embedded PostgreSQL started when DATABASE_URL is unset. */
  CIELO_EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  /** Folder for the embedded PostgreSQL cluster, the inbox and other local state (git-ignored). */
  CIELO_DATA_DIR: z.string().min(1).default(".data"),
  /** Folder the worker watches for new alert files (.avro or .tar.gz). */
  CIELO_INBOX_DIR: z.string().min(1).optional(),
  /** How often the worker scans the inbox, in milliseconds. */
  CIELO_INBOX_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  /** Skip ingesting the bundled sample alerts at `npm start`. */
  CIELO_SKIP_SAMPLE: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /** Crossmatch radius of the pipeline's catalog step (nearest source within it); 0 turns the step off. */
  CIELO_XMATCH_RADIUS_ARCSEC: z.coerce.number().min(0).max(60).default(2),
  /**
   * Reverse proxies in front of the app that append to X-Forwarded-For. 0 (no proxy): the header is
   * ignored, since any client can write it (lib/auth/client-ip.ts); rate limits then count per TCP
   * peer address (lib/security/peer-address.ts), and X-Forwarded-Proto is ignored too (HSTS).
   */
  CIELO_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** SN Hunter: POST ready AT reports to TNS (off by default; see docs/sn-hunter.md). */
  CIELO_TNS_SUBMIT: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
  /** TNS bulk-report endpoint; the sandbox by default, https://www.wis-tns.org/api/bulk-report for real reports. */
  CIELO_TNS_API_URL: z.url().default("https://sandbox.wis-tns.org/api/bulk-report"),
  CIELO_TNS_API_KEY: z.string().min(1).optional(),
  CIELO_TNS_BOT_ID: z.string().regex(/^\d+$/, "the numeric TNS bot id").optional(),
  CIELO_TNS_BOT_NAME: z.string().min(1).optional(),
  /** TNS id of the reporting group written into AT reports ("0" until you set your group's id). */
  CIELO_TNS_REPORTING_GROUP_ID: z.string().regex(/^\d+$/).default("0"),
  CIELO_TNS_REPORTER: z.string().min(1).default("Cielo SN Hunter"),
  /** SN Hunter sign-up: comma-separated email domains allowed to create accounts (unset = anyone). */
  CIELO_SIGNUP_EMAIL_DOMAINS: z.string().optional(),
  /** "Continue with GitHub" on the sign-in page when both are set (a GitHub OAuth app; callback /auth/github/callback). */
  CIELO_OAUTH_GITHUB_CLIENT_ID: z.string().min(1).optional(),
  CIELO_OAUTH_GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  /** Streams (docs/streams.md): Kafka brokers (host:port, comma-separated) for Kafka destinations; unset = Kafka delivery off. */
  CIELO_STREAMS_KAFKA_BROKERS: z.string().min(1).optional(),
  /**
   * V8 old-space limit (MB) of the Next server process that `npm start` runs (node's
   * --max-old-space-size; 0 = node's default, ~4 GB here). Below 2 GB, V8 also lets the heap grow
   * less between full collections, which keeps the server's RSS flat (docs/decisions/0048).
   */
  CIELO_NEXT_MAX_OLD_SPACE_MB: z.coerce.number().int().min(0).max(65_536).default(1024),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The IPv4 address `npm start` binds the web server to (`next start --hostname`); unset = every interface. 127.0.0.1 = this machine only. */
  CIELO_LISTEN_HOST: z.preprocess((value) => (value === "" ? undefined : value), z.ipv4().optional()),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** json: one JSON object per line (pino); pretty: `[name] message key=value`; auto: pretty on a terminal. */
  LOG_FORMAT: z.enum(["auto", "json", "pretty"]).default("auto"),
  /** Public API: sustained requests per minute per client (token bucket); 0 turns the limit off. */
  CIELO_API_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  /** Public API: requests a client may make at once before the sustained rate applies. */
  CIELO_API_RATE_BURST: z.coerce.number().int().min(1).max(1_000_000).default(300),
  /** Pages, downloads and actions (everything but the public API and health): requests per minute per client; 0 turns the limit off. */
  CIELO_PAGE_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  CIELO_PAGE_RATE_BURST: z.coerce.number().int().min(1).max(1_000_000).default(300),
  /** The app's connections to PostgreSQL (docs/operations.md#pools): reads of pages and the API, and writes (accounts, votes). */
  CIELO_DB_READ_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  CIELO_DB_WRITE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  /** Load shedding (lib/http/load-shedding.ts): 503 + Retry-After above this many requests in progress in the app; 0 = no bound. */
  CIELO_SHED_MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).default(128),
  /** …or above this many queries waiting for a connection of the app's pools; 0 = no bound. */
  CIELO_SHED_MAX_DB_WAITING: z.coerce.number().int().min(0).max(100_000).default(400),
  /** SN Hunter roles (docs/decisions/0019): the account with this email is an admin; unset = the first account created. */
  CIELO_ADMIN_EMAIL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .email()
      .transform((e) => e.toLowerCase())
      .optional(),
  ),
});

export type Env = z.infer<typeof envSchema> & { dataDir: string; inboxDir: string };

let cached: Env | undefined;

export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const dataDir = path.resolve(parsed.data.CIELO_DATA_DIR);
  const env: Env = {
    ...parsed.data,
    dataDir,
    inboxDir: path.resolve(parsed.data.CIELO_INBOX_DIR ?? path.join(dataDir, "inbox")),
  };
  if (source === process.env) cached = env;
  return env;
}

// ---------------------------------------------------------------------------------------------
// The Kafka worker's settings (workers/kafka-worker.ts; see docs/kafka.md). Parsed only by that
// worker: the app and the inbox worker run without any KAFKA_* variable.

const SASL_MECHANISMS = ["plain", "scram-sha-256", "scram-sha-512"] as const;
/** Kafka's own rule for topic names. */
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;
const BROKER = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/;

const isSaslMechanism = (value: unknown): boolean => (SASL_MECHANISMS as readonly unknown[]).includes(value);

const commaList = (value: string) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

const flag = z
  .enum(["0", "1", "true", "false"], { error: "must be true, false, 1 or 0" })
  .default("false")
  .transform((v) => v === "1" || v === "true");

const kafkaEnvSchema = z
  .object({
    KAFKA_BROKERS: z
      .string({ error: "missing: set a comma-separated host:port list, e.g. KAFKA_BROKERS=broker1:9092,broker2:9092" })
      .transform((value, ctx) => {
        const brokers = commaList(value);
        if (brokers.length === 0) ctx.issues.push({ code: "custom", input: value, message: "empty: give at least one host:port" });
        for (const broker of brokers) {
          const port = Number(BROKER.exec(broker)?.[2]);
          if (!(port >= 1 && port <= 65535)) {
            ctx.issues.push({ code: "custom", input: value, message: `"${broker}" is not host:port (e.g. localhost:9092)` });
          }
        }
        return brokers;
      }),
    KAFKA_TOPIC: z
      .string()
      .transform((value, ctx) => {
        const topics = commaList(value);
        for (const topic of topics) {
          if (!TOPIC_NAME.test(topic)) {
            ctx.issues.push({ code: "custom", input: value, message: `"${topic}" is not a Kafka topic name (letters, digits, . _ -)` });
          }
        }
        return topics;
      })
      .optional(),
    KAFKA_TOPIC_PATTERN: z
      .string()
      .transform((value, ctx) => {
        try {
          // Anchored: the pattern must match the whole topic name, not a part of it.
          return new RegExp(`^(?:${value})$`);
        } catch (error) {
          ctx.issues.push({ code: "custom", input: value, message: `is not a valid regular expression (${(error as Error).message})` });
          return z.NEVER;
        }
      })
      .optional(),
    KAFKA_GROUP_ID: z.string().default("cielo-ingest"),
    KAFKA_CLIENT_ID: z.string().default("cielo"),
    KAFKA_FROM_BEGINNING: flag,
    KAFKA_SSL: flag,
    KAFKA_SASL_MECHANISM: z
      .string()
      .transform((v) => v.toLowerCase())
      .pipe(z.enum(SASL_MECHANISMS, { error: `must be one of ${SASL_MECHANISMS.join(", ")} (kafkajs has no Kerberos/GSSAPI)` }))
      .optional(),
    KAFKA_SASL_USERNAME: z.string().optional(),
    KAFKA_SASL_PASSWORD: z.string().optional(),
    KAFKA_MAX_BATCH: z.coerce
      .number({ error: "must be a whole number from 1 to 100000" })
      .int({ error: "must be a whole number from 1 to 100000" })
      .min(1, { error: "must be a whole number from 1 to 100000" })
      .max(100_000, { error: "must be a whole number from 1 to 100000" })
      .default(500),
  })
  .refine((env) => env.KAFKA_TOPIC !== undefined || env.KAFKA_TOPIC_PATTERN !== undefined, {
    path: ["KAFKA_TOPIC"],
    message: "missing: set a topic (e.g. KAFKA_TOPIC=ztf_20181129_programid1), or KAFKA_TOPIC_PATTERN to a regular expression",
    when: () => true,
  })
  .refine((env) => env.KAFKA_TOPIC === undefined || env.KAFKA_TOPIC_PATTERN === undefined, {
    path: ["KAFKA_TOPIC_PATTERN"],
    message: "set either KAFKA_TOPIC or KAFKA_TOPIC_PATTERN, not both",
    when: () => true,
  })
  .refine((env) => !isSaslMechanism(env.KAFKA_SASL_MECHANISM) || (!!env.KAFKA_SASL_USERNAME && !!env.KAFKA_SASL_PASSWORD), {
    path: ["KAFKA_SASL_MECHANISM"],
    message: "needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD",
    when: () => true,
  })
  .refine((env) => env.KAFKA_SASL_MECHANISM !== undefined || (!env.KAFKA_SASL_USERNAME && !env.KAFKA_SASL_PASSWORD), {
    path: ["KAFKA_SASL_MECHANISM"],
    message: "missing: required when KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set (plain, scram-sha-256 or scram-sha-512)",
    when: () => true,
  })
  .transform((env) => ({
    brokers: env.KAFKA_BROKERS,
    /** What the consumer subscribes to: topic names, or one anchored pattern. */
    topics: (env.KAFKA_TOPIC_PATTERN ? [env.KAFKA_TOPIC_PATTERN] : (env.KAFKA_TOPIC ?? [])) as (string | RegExp)[],
    groupId: env.KAFKA_GROUP_ID,
    clientId: env.KAFKA_CLIENT_ID,
    fromBeginning: env.KAFKA_FROM_BEGINNING,
    ssl: env.KAFKA_SSL,
    sasl:
      env.KAFKA_SASL_MECHANISM && env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD
        ? { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME, password: env.KAFKA_SASL_PASSWORD }
        : undefined,
    maxBatch: env.KAFKA_MAX_BATCH,
  }));

/**
 * The Kafka consumer's settings, read from the environment (`kafkaConfigSchema.parse(process.env)`).
 * Blank values count as unset; only the KAFKA_* variables are looked at.
 */
export const kafkaConfigSchema = z.preprocess((input) => {
  if (typeof input !== "object" || input === null) return input;
  const picked: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key.startsWith("KAFKA_") && typeof value === "string" && value.trim() !== "") picked[key] = value.trim();
  }
  return picked;
}, kafkaEnvSchema);

export type KafkaConsumerConfig = z.output<typeof kafkaConfigSchema>;

/** Parses the KAFKA_* environment; a bad or missing value throws one readable line naming the variable. */
export function parseKafkaConfig(env: Record<string, string | undefined> = process.env): KafkaConsumerConfig {
  const parsed = kafkaConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`);
  throw new Error(`Invalid Kafka configuration: ${problems.join("; ")}`);
}
