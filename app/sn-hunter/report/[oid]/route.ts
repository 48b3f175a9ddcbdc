import { ActionError } from "@/lib/auth/action-error";
import { ztfObjectIdSchema } from "@/lib/objects/object-id";
import { getDb } from "@/lib/server/db";
import { createLogger } from "@/lib/server/logger";
import { getReadyAtReport } from "@/lib/tns/get-ready-at-report";

export const dynamic = "force-dynamic";

const STATUS: Partial<Record<ActionError["code"], number>> = { not_found: 404, conflict: 409 };

/** The TNS AT report (bulk-report JSON) of a candidate the reviewers marked ready, as a download. */
export async function GET(_request: Request, { params }: { params: Promise<{ oid: string }> }) {
  const parsed = ztfObjectIdSchema.safeParse((await params).oid);
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message ?? "bad object id" }, { status: 400 });
  try {
    const report = await getReadyAtReport(getDb().readPool, parsed.data);
    return new Response(JSON.stringify(report, null, 2) + "\n", {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="tns-at-report-${parsed.data}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof ActionError) return Response.json({ error: error.message }, { status: STATUS[error.code] ?? 400 });
    createLogger("sn-hunter").error(
      { err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) },
      "AT report failed",
    );
    return Response.json({ error: "The report could not be built; the error has been logged." }, { status: 500 });
  }
}
