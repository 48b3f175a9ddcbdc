import { NextResponse } from "next/server";
import { z } from "zod";
import { buildObjectDownload, OBJECT_DOWNLOAD_FILES } from "@/lib/explorer/object-downloads";
import { getObjectDetections } from "@/lib/objects/get-object-detections";
import { getObjectMagstats } from "@/lib/objects/get-object-magstats";
import { getObjectNonDetections } from "@/lib/objects/get-object-non-detections";
import { ztfObjectIdSchema } from "@/lib/objects/object-id";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({
  oid: ztfObjectIdSchema,
  file: z.enum(OBJECT_DOWNLOAD_FILES, { error: `one of ${OBJECT_DOWNLOAD_FILES.join(", ")}` }),
});

/** GET /api/explorer/objects/<oid>/<lightcurve.csv | detections.csv | non_detections.csv | magstats.csv | all.zip> */
export async function GET(_request: Request, { params }: { params: Promise<{ oid: string; file: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) {
    return NextResponse.json({ error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }, { status: 400 });
  }
  const { oid, file } = parsed.data;
  const { readPool } = getDb();
  try {
    const [detections, nonDetections, magstats] = await Promise.all([
      getObjectDetections(readPool, oid),
      getObjectNonDetections(readPool, oid),
      getObjectMagstats(readPool, oid),
    ]);
    if (!detections || !nonDetections || !magstats) return NextResponse.json({ error: `object ${oid} not found` }, { status: 404 });
    const download = buildObjectDownload({ oid, detections, nonDetections, magstats }, file);
    return new NextResponse(Buffer.from(download.body), {
      headers: {
        "content-type": download.contentType,
        "content-disposition": `attachment; filename="${download.fileName}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    console.error(`[explorer] download ${oid}/${file} failed:`, error);
    return NextResponse.json({ error: "the download could not be built; the error is in the server log" }, { status: 500 });
  }
}
