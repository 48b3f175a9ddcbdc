import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetLightcurve, type OidParams } from "@/lib/api/ztf-api";

export const dynamic = "force-dynamic";

/** GET /objects/{oid}/lightcurve: detections and non_detections. */
export const GET = apiRoute<OidParams>((req) => handleGetLightcurve(req), { etag: true });
export const OPTIONS = corsPreflightResponse;
