import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleCrossmatchAll } from "@/lib/api/catshtm-api";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** GET /api/catshtm/crossmatch_all?ra=&dec=[&radius=]: the nearest source of every loaded catalog, `[{catalog: row}]`. */
export const GET = apiRoute((req) => handleCrossmatchAll(getDb().readPool, req));
export const OPTIONS = corsPreflightResponse;
