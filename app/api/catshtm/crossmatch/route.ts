import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleCrossmatch } from "@/lib/api/catshtm-api";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** GET /api/catshtm/crossmatch?catalog=&ra=&dec=[&radius=]: the nearest source of one catalog within the radius. */
export const GET = apiRoute((req) => handleCrossmatch(getDb().readPool, req));
export const OPTIONS = corsPreflightResponse;
