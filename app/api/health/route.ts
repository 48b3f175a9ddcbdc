import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors/app-error";
import { getHealth } from "@/lib/health/get-health";
import { getDb } from "@/lib/server/db";
import { createLogger } from "@/lib/server/logger";

export const dynamic = "force-dynamic";

/** Liveness and ingestion state: counts, the pipeline's latency and each worker's lag. 503 when the database is unreachable. */
export async function GET() {
  try {
    return NextResponse.json(await getHealth(getDb().pool), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    createLogger("health").error({ err: error }, "the database cannot be reached");
    // Monitors read `status`; the rest is the app's one error body.
    const down = new AppError("unavailable", "The database cannot be reached.");
    return NextResponse.json(
      { status: "down", database: "unreachable", ...down.body() },
      { status: down.status, headers: { "cache-control": "no-store" } },
    );
  }
}
