import { getApiPool } from "@/lib/api/api-db";
import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleCrossmatch } from "@/lib/api/catshtm-api";

export const dynamic = "force-dynamic";

/** GET /api/catshtm/crossmatch?catalog=&ra=&dec=[&radius=]: the nearest source of one catalog within the radius. */
export const GET = apiRoute((req) => handleCrossmatch(getApiPool(), req));
export const OPTIONS = corsPreflightResponse;
