import { withErrorResponses } from "@/lib/errors/error-response";
import { METRICS_CONTENT_TYPE, renderMetrics } from "@/lib/health/prometheus-metrics";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint (lib/health/prometheus-metrics.ts). */
export const GET = withErrorResponses(
  async () =>
    new Response(await renderMetrics(getDb().pool), { headers: { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" } }),
);
