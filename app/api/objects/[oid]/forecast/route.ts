import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetForecast } from "@/lib/api/forecast-api";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** GET /api/objects/{oid}/forecast?horizon_days=30: the object's light-curve forecast (Cielo, not ALeRCE v1). */
export const GET = apiRoute<{ oid: string }>((req) => handleGetForecast(req, getDb().readPool), { etag: true });
export const OPTIONS = corsPreflightResponse;
