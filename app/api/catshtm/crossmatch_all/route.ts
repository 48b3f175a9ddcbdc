import { getApiPool } from "@/lib/api/api-db";
import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleCrossmatchAll } from "@/lib/api/catshtm-api";

export const dynamic = "force-dynamic";

/** GET /api/catshtm/crossmatch_all?ra=&dec=[&radius=]: the nearest source of every loaded catalog, `[{catalog: row}]`. */
export const GET = apiRoute((req) => handleCrossmatchAll(getApiPool(), req));
export const OPTIONS = corsPreflightResponse;
