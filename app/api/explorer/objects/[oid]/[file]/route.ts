import { z } from "zod";
import { notFound, parseParams } from "@/lib/errors/app-error";
import { withErrorResponses } from "@/lib/errors/error-response";
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
export const GET = withErrorResponses(async (_request, { params }: { params: Promise<{ oid: string; file: string }> }) => {
  const { oid, file } = parseParams(paramsSchema, await params);
  const { readPool } = getDb();
  const [detections, nonDetections, magstats] = await Promise.all([
    getObjectDetections(readPool, oid),
    getObjectNonDetections(readPool, oid),
    getObjectMagstats(readPool, oid),
  ]);
  if (!detections || !nonDetections || !magstats) throw notFound(`object ${oid} not found`);
  const download = buildObjectDownload({ oid, detections, nonDetections, magstats }, file);
  return new Response(Buffer.from(download.body), {
    headers: {
      "content-type": download.contentType,
      "content-disposition": `attachment; filename="${download.fileName}"`,
      "cache-control": "no-store",
    },
  });
});
