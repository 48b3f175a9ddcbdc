import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetFeatures, type OidParams } from "@/lib/api/ztf-api";

export const dynamic = "force-dynamic";

/** GET /objects/{oid}/features?fid=&version=. */
export const GET = apiRoute<OidParams>((req) => handleGetFeatures(req), { etag: true });
export const OPTIONS = corsPreflightResponse;
