import { NextResponse } from "next/server";
import { getHealth } from "@/lib/health/get-health";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** Liveness and ingestion state: counts, the pipeline's latency and each worker's lag. 503 when the database is unreachable. */
export async function GET() {
  try {
    return NextResponse.json(await getHealth(getDb().pool), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    console.error("[health]", error);
    return NextResponse.json({ status: "down", database: "unreachable", message: "The database cannot be reached." }, { status: 503 });
  }
}
