import { apiRoute } from "@/lib/api/api-handler";
import { handleGetAlert } from "@/lib/api/avro-service";
import { corsPreflightResponse } from "@/lib/api/cors";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** ?oid=&candid=: the alert record as JSON without cutouts, 64-bit integers as strings (for the Explorer). */
export const GET = apiRoute((req) => handleGetAlert(getDb().readPool, req), { etag: true });
export const OPTIONS = corsPreflightResponse;
