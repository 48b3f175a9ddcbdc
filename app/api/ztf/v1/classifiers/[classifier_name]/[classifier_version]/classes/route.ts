import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetClassifierClasses } from "@/lib/api/ztf-api";

export const dynamic = "force-dynamic";

/** GET /classifiers/{name}/{version}/classes: [{name}]. */
export const GET = apiRoute<{ classifier_name: string; classifier_version: string }>((req) => handleGetClassifierClasses(req));
export const OPTIONS = corsPreflightResponse;
