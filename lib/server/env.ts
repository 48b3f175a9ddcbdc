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
   * ignored, since any client can write it (lib/auth/client-ip.ts); rate limits then share one key.
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
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** json: one JSON object per line (pino); pretty: `[name] message key=value`; auto: pretty on a terminal. */
  LOG_FORMAT: z.enum(["auto", "json", "pretty"]).default("auto"),
  /** Public API: sustained requests per minute per client (token bucket); 0 turns the limit off. */
  CIELO_API_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  /** Public API: requests a client may make at once before the sustained rate applies. */
  CIELO_API_RATE_BURST: z.coerce.number().int().min(1).max(1_000_000).default(300),
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
