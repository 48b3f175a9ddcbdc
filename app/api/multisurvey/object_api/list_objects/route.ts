import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleListObjects } from "@/lib/api/multisurvey-api";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** GET /api/multisurvey/object_api/list_objects?survey_id=lsst&...: LSST objects, newest first, optionally in a cone (ALeRCE multisurvey naming). */
export const GET = apiRoute((req) => handleListObjects(getDb().readPool, req), { etag: true });
export const OPTIONS = corsPreflightResponse;
