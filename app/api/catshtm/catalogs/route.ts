import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleListCatalogs } from "@/lib/api/catshtm-api";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** GET /api/catshtm/catalogs: the loaded catalogs with their columns and default crossmatch radius. */
export const GET = apiRoute(() => handleListCatalogs(getDb().readPool));
export const OPTIONS = corsPreflightResponse;
