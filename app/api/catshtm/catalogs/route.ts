import { getApiPool } from "@/lib/api/api-db";
import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleListCatalogs } from "@/lib/api/catshtm-api";

export const dynamic = "force-dynamic";

/** GET /api/catshtm/catalogs: the loaded catalogs with their columns and default crossmatch radius. */
export const GET = apiRoute(() => handleListCatalogs(getApiPool()));
export const OPTIONS = corsPreflightResponse;
