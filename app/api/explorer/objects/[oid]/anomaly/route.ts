import { z } from "zod";
import { notFound, parseParams } from "@/lib/errors/app-error";
import { withErrorResponses } from "@/lib/errors/error-response";
import { getObjectAnomaly } from "@/lib/objects/get-object-anomaly";
import { ztfObjectIdSchema } from "@/lib/objects/object-id";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ oid: ztfObjectIdSchema });

/** GET /api/explorer/objects/<oid>/anomaly: the anomaly score, its percentile and the most extreme features (docs/anomaly.md). */
export const GET = withErrorResponses(async (_request, { params }: { params: Promise<{ oid: string }> }) => {
  const { oid } = parseParams(paramsSchema, await params);
  const anomaly = await getObjectAnomaly(getDb().readPool, oid);
  if (!anomaly) throw notFound(`object ${oid} not found`);
  return Response.json(anomaly, { headers: { "cache-control": "no-store" } });
});
