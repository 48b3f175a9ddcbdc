import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetMagstats, type OidParams } from "@/lib/api/ztf-api";

export const dynamic = "force-dynamic";

/** GET /objects/{oid}/magstats: statistics per band. */
export const GET = apiRoute<OidParams>((req) => handleGetMagstats(req), { etag: true });
export const OPTIONS = corsPreflightResponse;
