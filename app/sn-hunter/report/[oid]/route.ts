import { z } from "zod";
import { parseParams } from "@/lib/errors/app-error";
import { withErrorResponses } from "@/lib/errors/error-response";
import { ztfObjectIdSchema } from "@/lib/objects/object-id";
import { getDb } from "@/lib/server/db";
import { getReadyAtReport } from "@/lib/tns/get-ready-at-report";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ oid: ztfObjectIdSchema });

/** The TNS AT report (bulk-report JSON) of a candidate the reviewers marked ready, as a download. */
export const GET = withErrorResponses(async (_request, { params }: { params: Promise<{ oid: string }> }) => {
  const { oid } = parseParams(paramsSchema, await params);
  const report = await getReadyAtReport(getDb().readPool, oid);
  return new Response(JSON.stringify(report, null, 2) + "\n", {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="tns-at-report-${oid}.json"`,
      "cache-control": "no-store",
    },
  });
});
