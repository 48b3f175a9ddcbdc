import { apiRoute } from "@/lib/api/api-handler";
import { handleGetAlert } from "@/lib/api/avro-service";
import { corsPreflightResponse } from "@/lib/api/cors";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** ALeRCE's name for get_alert. */
export const GET = apiRoute((req) => handleGetAlert(getDb().readPool, req), { etag: true });
export const OPTIONS = corsPreflightResponse;
