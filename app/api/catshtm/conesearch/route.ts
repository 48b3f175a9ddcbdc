import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleConesearch } from "@/lib/api/catshtm-api";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** GET /api/catshtm/conesearch?catalog=&ra=&dec=&radius=: every source of one catalog in the cone (catsHTM shape). */
export const GET = apiRoute((req) => handleConesearch(getDb().readPool, req));
export const OPTIONS = corsPreflightResponse;
