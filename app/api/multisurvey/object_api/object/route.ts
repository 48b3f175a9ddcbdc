import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetObject } from "@/lib/api/multisurvey-api";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** GET /api/multisurvey/object_api/object?survey_id=lsst&...: one LSST object with its ZTF links (ALeRCE multisurvey naming). */
export const GET = apiRoute((req) => handleGetObject(getDb().readPool, req), { etag: true });
export const OPTIONS = corsPreflightResponse;
