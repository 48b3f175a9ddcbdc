import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetDetections } from "@/lib/api/multisurvey-api";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** GET /api/multisurvey/lightcurve_api/detections?survey_id=lsst&...: the detections (diaSources) in nJy with derived AB magnitudes (ALeRCE multisurvey naming). */
export const GET = apiRoute((req) => handleGetDetections(getDb().readPool, req), { etag: true });
export const OPTIONS = corsPreflightResponse;
