import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleListObjects } from "@/lib/api/ztf-v1";

export const dynamic = "force-dynamic";

/** ALeRCE ZTF API v1 GET /objects: filters, cone search, pagination, ordering. */
export const GET = apiRoute(handleListObjects);
export const OPTIONS = corsPreflightResponse;
