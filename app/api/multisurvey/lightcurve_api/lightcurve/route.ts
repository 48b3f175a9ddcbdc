import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetLightcurve } from "@/lib/api/multisurvey-api";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** GET /api/multisurvey/lightcurve_api/lightcurve?survey_id=lsst&...: detections and forced photometry (ALeRCE multisurvey naming). */
export const GET = apiRoute((req) => handleGetLightcurve(getDb().readPool, req), { etag: true });
export const OPTIONS = corsPreflightResponse;
