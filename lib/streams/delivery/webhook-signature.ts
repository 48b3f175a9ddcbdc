// Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>" with the destination's secret, sent as
// `X-Cielo-Signature: t=<unix seconds>,v1=<hex>` (the scheme Stripe and GitHub users know). The
// timestamp in the signed text lets a receiver refuse old replays.
import crypto from "node:crypto";

export const SIGNATURE_HEADER = "x-cielo-signature";
export const IDEMPOTENCY_HEADER = "idempotency-key";

export function signWebhookBody(secret: string, body: string, unixSeconds: number): string {
  const mac = crypto.createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

/** For receivers (and tests): true when `header` is a valid signature of `body`, at most `toleranceSeconds` old. */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string,
  nowUnixSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  const t = Number(match[1]);
  if (Math.abs(nowUnixSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhookBody(secret, body, t).split("v1=")[1]!, "hex");
  return crypto.timingSafeEqual(expected, Buffer.from(match[2]!, "hex"));
}

/** A new webhook secret: 32 random bytes, base64url. */
export const newWebhookSecret = (): string => crypto.randomBytes(32).toString("base64url");
