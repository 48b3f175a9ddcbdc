import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetStamp } from "@/lib/api/multisurvey-api";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** GET /api/multisurvey/stamp_api/stamp?survey_id=lsst&...: a cutout as a north-up PNG (or its PSF) (ALeRCE multisurvey naming). */
export const GET = apiRoute((req) => handleGetStamp(getDb().readPool, req), { etag: true });
export const OPTIONS = corsPreflightResponse;
