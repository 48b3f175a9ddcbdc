import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetForcedPhotometry } from "@/lib/api/multisurvey-api";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** GET /api/multisurvey/lightcurve_api/forced-photometry?survey_id=lsst&...: the forced photometry (diaForcedSources) (ALeRCE multisurvey naming). */
export const GET = apiRoute((req) => handleGetForcedPhotometry(getDb().readPool, req), { etag: true });
export const OPTIONS = corsPreflightResponse;
