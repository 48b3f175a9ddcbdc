import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleListClassifiers } from "@/lib/api/ztf-api";

export const dynamic = "force-dynamic";

/** GET /classifiers: every classifier version and its classes. */
export const GET = apiRoute((req) => handleListClassifiers(req));
export const OPTIONS = corsPreflightResponse;
