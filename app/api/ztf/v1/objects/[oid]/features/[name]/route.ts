import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetFeature, type OidParams } from "@/lib/api/ztf-api";

export const dynamic = "force-dynamic";

/** GET /objects/{oid}/features/{name}?fid=&version=: that feature's rows (a list, as ALeRCE returns). */
export const GET = apiRoute<OidParams & { name: string }>((req) => handleGetFeature(req), { etag: true });
export const OPTIONS = corsPreflightResponse;
