import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleUnknownRoute } from "@/lib/api/ztf-api";

export const dynamic = "force-dynamic";

/** Unknown paths under the v1 API answer with a JSON 404, as ALeRCE's does. */
export const GET = apiRoute(() => handleUnknownRoute());
export const OPTIONS = corsPreflightResponse;
