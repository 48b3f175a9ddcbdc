import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetObject, type OidParams } from "@/lib/api/ztf-api";

export const dynamic = "force-dynamic";

/** ALeRCE ZTF API v1 GET /objects/{oid}: the object's aggregates. */
export const GET = apiRoute<OidParams>((req) => handleGetObject(req), { etag: true });
export const OPTIONS = corsPreflightResponse;
