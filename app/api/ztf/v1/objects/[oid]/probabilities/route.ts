import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetProbabilities, type OidParams } from "@/lib/api/ztf-api";

export const dynamic = "force-dynamic";

/** GET /objects/{oid}/probabilities?classifier=&classifier_version=. */
export const GET = apiRoute<OidParams>((req) => handleGetProbabilities(req), { etag: true });
export const OPTIONS = corsPreflightResponse;
