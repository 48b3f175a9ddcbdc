import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleListObjects } from "@/lib/api/ztf-api";

export const dynamic = "force-dynamic";

/** ALeRCE ZTF API v1 GET /objects: filters, cone search, pagination, ordering. */
export const GET = apiRoute((req) => handleListObjects(req));
export const OPTIONS = corsPreflightResponse;
