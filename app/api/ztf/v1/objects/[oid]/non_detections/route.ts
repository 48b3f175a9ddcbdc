import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetNonDetections, type OidParams } from "@/lib/api/ztf-api";

export const dynamic = "force-dynamic";

/** GET /objects/{oid}/non_detections. */
export const GET = apiRoute<OidParams>((req) => handleGetNonDetections(req), { etag: true });
export const OPTIONS = corsPreflightResponse;
