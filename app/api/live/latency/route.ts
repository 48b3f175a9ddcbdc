import { NextResponse } from "next/server";
import { withErrorResponses } from "@/lib/errors/error-response";
import { getLiveLatency } from "@/lib/live/live-alerts";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** Rolling alert→visible / alert→classified percentiles over the last hour and alerts/s over two minutes (refreshed by /live). */
export const GET = withErrorResponses(async () =>
  NextResponse.json(await getLiveLatency(getDb().readPool), { headers: { "cache-control": "no-store" } }),
);
