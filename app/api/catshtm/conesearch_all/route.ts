import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleConesearchAll } from "@/lib/api/catshtm-api";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** GET /api/catshtm/conesearch_all?ra=&dec=&radius=: the cone in every loaded catalog, `{catalogs: [...]}`. */
export const GET = apiRoute((req) => handleConesearchAll(getDb().readPool, req));
export const OPTIONS = corsPreflightResponse;
