import { getApiPool } from "@/lib/api/api-db";
import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleConesearchAll } from "@/lib/api/catshtm-api";

export const dynamic = "force-dynamic";

/** GET /api/catshtm/conesearch_all?ra=&dec=&radius=: the cone in every loaded catalog, `{catalogs: [...]}`. */
export const GET = apiRoute((req) => handleConesearchAll(getApiPool(), req));
export const OPTIONS = corsPreflightResponse;
