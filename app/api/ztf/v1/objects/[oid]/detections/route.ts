import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetDetections, type OidParams } from "@/lib/api/ztf-api";

export const dynamic = "force-dynamic";

/** GET /objects/{oid}/detections. */
export const GET = apiRoute<OidParams>((req) => handleGetDetections(req), { etag: true });
export const OPTIONS = corsPreflightResponse;
