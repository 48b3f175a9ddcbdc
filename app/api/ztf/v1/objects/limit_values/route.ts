import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetLimitValues } from "@/lib/api/ztf-api";

export const dynamic = "force-dynamic";

/** GET /objects/limit_values: min/max ndet and firstmjd (ALeRCE's range-slider helper). */
export const GET = apiRoute((req) => handleGetLimitValues(req));
export const OPTIONS = corsPreflightResponse;
