// Per-client token bucket (in memory, per process): `burst` requests at once, refilled at
// `perMinute` / 60 per second. Headers follow the IETF RateLimit draft (RateLimit-Limit,
// -Remaining, -Reset in seconds, RateLimit-Policy); a refused request gets 429 + Retry-After.
import { clientIpOf } from "../auth/client-ip";
import { getEnv } from "../server/env";

export interface RateLimitConfig {
  /** Sustained requests per minute; 0 = unlimited. */
  perMinute: number;
  burst: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfterSeconds: number;
}

type Bucket = { tokens: number; updatedMs: number };

const MAX_CLIENTS = 100_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly config: RateLimitConfig,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.config.perMinute > 0;
  }

  /** Takes one token from the client's bucket. */
  take(clientKey: string): RateLimitDecision {
    if (!this.enabled) return { allowed: true, headers: {}, retryAfterSeconds: 0 };
    const { burst, perMinute } = this.config;
    const ratePerMs = perMinute / 60_000;
    const now = this.now();
    let bucket = this.buckets.get(clientKey);
    if (!bucket) {
      if (this.buckets.size >= MAX_CLIENTS) this.evictFull(now);
      bucket = { tokens: burst, updatedMs: now };
      this.buckets.set(clientKey, bucket);
    } else {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedMs) * ratePerMs);
      bucket.updatedMs = now;
    }
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    const remaining = Math.floor(bucket.tokens);
    const secondsToFull = Math.ceil((burst - bucket.tokens) / ratePerMs / 1000);
    const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
    const headers: Record<string, string> = {
      "RateLimit-Limit": String(burst),
      "RateLimit-Remaining": String(remaining),
      "RateLimit-Reset": String(allowed ? secondsToFull : retryAfterSeconds),
      "RateLimit-Policy": `${perMinute};w=60;burst=${burst}`,
    };
    if (!allowed) headers["Retry-After"] = String(retryAfterSeconds);
    return { allowed, headers, retryAfterSeconds };
  }

  /** Forget clients whose bucket has refilled (they would start full anyway). */
  private evictFull(now: number): void {
    const ratePerMs = this.config.perMinute / 60_000;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedMs) * ratePerMs >= this.config.burst) this.buckets.delete(key);
    }
    if (this.buckets.size >= MAX_CLIENTS) this.buckets.clear();
  }
}

/**
 * The client a request counts against: the X-Forwarded-For entry the outermost trusted proxy wrote
 * (CIELO_TRUSTED_PROXY_HOPS, lib/auth/client-ip.ts). With no trusted proxy, the TCP peer's address
 * as the server recorded it (lib/security/peer-address.ts): X-Forwarded-For and X-Real-IP are then
 * whatever the client wrote, and honouring them would give a fresh bucket per forged value.
 */
export function clientKeyOf(request: Request, trustedHops: number = getEnv().CIELO_TRUSTED_PROXY_HOPS): string {
  return clientIpOf(request.headers, trustedHops);
}
